import type { Schemas } from '../../api/client';

export type Trend = NonNullable<Schemas['Trend']>;
export type TestOutcome = NonNullable<Schemas['TestOutcome']>;

/** How an automated result compares with the test's previous one (see docs/automation.md). */
export const TREND: Record<Trend, { label: string; color: string; description: string }> = {
  NEW_FAILURE: { label: 'New failure', color: 'red', description: 'It passed last time' },
  STILL_FAILING: { label: 'Still failing', color: 'orange', description: 'It failed last time too' },
  FIXED: { label: 'Fixed', color: 'green', description: 'It failed last time' },
};

/** What the test tool said, in its own words. */
export const OUTCOME: Record<TestOutcome, string> = {
  passed: 'Passed',
  failed: 'Failed',
  error: 'Error',
  skipped: 'Skipped',
};
