import { describe, expect, it } from 'vitest';
import { formatDate, formatDay, formatDayRange, formatDuration } from './format';

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

describe('formatDay', () => {
  it('reads a calendar date in the same format as an instant’s date, on its own day whatever the time zone', () => {
    // Noon UTC is 3 December in every time zone from UTC−11 to UTC+11.
    expect(formatDay('2026-12-03')).toBe(formatDate('2026-12-03T12:00:00Z'));
    expect(formatDay('2026-12-03')).toMatch(/\b3\b/);
    expect(formatDay('2026-12-03')).not.toContain('2026-12-03');
  });

  it('shows a dash for no date, and anything not a date as it is', () => {
    expect(formatDay(null)).toBe('—');
    expect(formatDay('2026-02-31')).toBe('2026-02-31');
  });

  it('reads a range, or what there is of it', () => {
    expect(formatDayRange('2026-12-03', '2026-12-10')).toBe(`${formatDay('2026-12-03')} – ${formatDay('2026-12-10')}`);
    expect(formatDayRange('2026-12-03', null)).toBe(`from ${formatDay('2026-12-03')}`);
    expect(formatDayRange(null, '2026-12-10')).toBe(`until ${formatDay('2026-12-10')}`);
    expect(formatDayRange(null, undefined)).toBe('—');
  });
});
