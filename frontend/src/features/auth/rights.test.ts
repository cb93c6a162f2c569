import { describe, expect, it } from 'vitest';
import { ALL_RIGHTS } from '../../test/fixtures';
import { describeRight, RIGHT_GROUPS } from './rights';

describe('rights', () => {
  it('names a right by module and action', () => {
    expect(describeRight('INTEGRATION_MODIFY')).toBe('Integration: Modify');
    expect(describeRight('SUITES_VIEW')).toBe('Test Suites: View');
  });

  it('offers every right of the API exactly once', () => {
    const offered = RIGHT_GROUPS.flatMap((group) => group.rights.map((choice) => choice.right));
    expect([...offered].sort()).toEqual([...ALL_RIGHTS].sort());
  });
});
