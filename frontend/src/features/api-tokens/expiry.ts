// When a new token expires: a number of days from now, or the end of a chosen day (local time).
// The server takes at most 365 days; the last day one can choose ends within them.

export const EXPIRY_DAYS = [7, 30, 90, 365] as const;
export const LONGEST_DAYS = 365;
const DAY_MS = 86_400_000;

/** "2026-12-03" for a Date, in local time (what an <input type="date"> shows and returns). */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The first and last day a token may end on: tomorrow, and the last day whose end is within a year. */
export function choosableDays(now: Date): { min: string; max: string } {
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const last = new Date(now.getFullYear(), now.getMonth(), now.getDate() + LONGEST_DAYS - 1);
  return { min: isoDay(tomorrow), max: isoDay(last) };
}

/** The instant a token chosen to last `days` expires. */
export function expiresInDays(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString();
}

/** The end (23:59:59 local time) of a chosen day, or null when the day is not one a token may end on. */
export function expiresAtEndOf(day: string, now: Date): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const { min, max } = choosableDays(now);
  if (day < min || day > max) return null;
  const [, year, month, date] = match.map(Number) as [number, number, number, number];
  return new Date(year, month - 1, date, 23, 59, 59).toISOString();
}
