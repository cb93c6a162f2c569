// How dates and small values read in the UI: in the user's locale and time zone.

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const TIME = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** "28 Nov 2026, 14:05" for an ISO instant; "—" when there is none. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE_TIME.format(date);
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
