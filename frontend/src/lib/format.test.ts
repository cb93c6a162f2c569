import { describe, expect, it } from 'vitest';
import { formatDuration } from './format';

describe('formatDuration', () => {
  it.each([
    [0, '0 seconds'],
    [1, '1 second'],
    [42, '42 seconds'],
    [60, '1 minute'],
    [61, '1 minute 1 second'],
    [3_600 * 5 + 60 * 3 + 9, '5 hours 3 minutes'],
    [86_400, '1 day'],
    [86_400 * 3 + 3_600 * 4 + 59, '3 days 4 hours'],
    [86_400 * 2 + 300, '2 days'],
  ])('%i seconds read as "%s"', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
