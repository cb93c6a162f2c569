import { DEFAULT_THEME, luminance, type MantineColorsTuple } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { readableShade } from './theme';

describe('readableShade', () => {
  it.each(Object.keys(DEFAULT_THEME.colors))('gives %s a shade with at least 5.5:1 contrast on white', (name) => {
    const shade = readableShade(DEFAULT_THEME.colors[name] as MantineColorsTuple);
    expect(1.05 / (luminance(shade) + 0.05)).toBeGreaterThanOrEqual(5.5);
  });

  it('keeps shade 8 where it already reads well', () => {
    expect(readableShade(DEFAULT_THEME.colors.indigo)).toBe(DEFAULT_THEME.colors.indigo[8]);
  });
});
