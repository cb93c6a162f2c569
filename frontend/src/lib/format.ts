// How dates and small values read in the UI: in the user's locale and time zone. Every date the
// app shows goes through here, so that one page never shows "2026-12-03" beside "Dec 2, 2026".

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const TIME = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** "28 Nov 2026, 14:05" for an ISO instant; "—" when there is none. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE_TIME.format(date);
}

/** "28 Nov 2026" for an ISO instant; "—" when there is none. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE.format(date);
}

/**
 * "3 Dec 2026" for a calendar date ("2026-12-03", as a planned start or end): the same format as
 * formatDate, and the same day everywhere (it is no instant, so no time zone moves it); "—" when
 * there is none.
 */
export function formatDay(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return formatDate(isoDate);
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(year, month - 1, day);
  return date.getMonth() === month - 1 ? DATE.format(date) : isoDate;
}

/** "3 Dec 2026 – 10 Dec 2026" for two calendar dates, "from 3 Dec 2026", "until 10 Dec 2026", or "—". */
export function formatDayRange(start: string | null | undefined, end: string | null | undefined): string {
  if (start && end) return `${formatDay(start)} – ${formatDay(end)}`;
  if (start) return `from ${formatDay(start)}`;
  if (end) return `until ${formatDay(end)}`;
  return '—';
}

/** "14:05" for an ISO instant. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : TIME.format(date);
}

/** The words of a space- or comma-separated scope string, e.g. "read:jira-work write:jira-work". */
export function scopeList(scopes: string | null | undefined): string[] {
  return (scopes ?? '').split(/[\s,]+/).filter(Boolean);
}

const DURATION_UNITS: readonly [name: string, seconds: number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** "3 days 4 hours", "5 minutes", "42 seconds": the two largest units of a duration in seconds. */
export function formatDuration(totalSeconds: number): string {
  let rest = Math.max(0, Math.floor(totalSeconds));
  const parts: string[] = [];
  for (const [name, size] of DURATION_UNITS) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0) parts.push(`${amount} ${name}${amount === 1 ? '' : 's'}`);
    else if (parts.length > 0) break; // "2 days 5 minutes" would read as more precise than it is
    if (parts.length === 2) break;
  }
  return parts.length > 0 ? parts.join(' ') : '0 seconds';
}

/** "1.2 GB", "2.4 MB", "512 KB", "80 bytes": a size in bytes (powers of 1,024). */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** "420 ms", "3.42 s", "12.3 s", "2 minutes 3 seconds": how long a test took, from milliseconds. */
export function formatTestDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return formatDuration(ms / 1000);
}
