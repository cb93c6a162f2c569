import { useEffect } from 'react';
import { ApiError } from '../api/ApiError';

/**
 * What the app's background saves (the case editor's autosave, the execution screen's results)
 * share: which failures are worth trying again by themselves, how long to wait, and the browser's
 * warning when the page is closed with something not saved.
 */

/** Waits before each retry after a failure; the last one repeats. */
export const RETRY_DELAYS_MS: readonly number[] = [1000, 2000, 4000, 8000, 15_000, 30_000];

/** A failure worth trying again by itself: no answer, a timeout, or the server (or a proxy) busy or unavailable. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

/** How long to wait before trying again after `failures` failures (0: the first): as the server asked (Retry-After), else by the schedule. */
export function retryDelay(error: unknown, failures: number, delays: readonly number[] = RETRY_DELAYS_MS): number {
  if (error instanceof ApiError && error.retryAfterSeconds !== undefined) return error.retryAfterSeconds * 1000;
  return delays[Math.min(failures, delays.length - 1)] ?? 1000;
}

/** While `unsaved`, closing or reloading the page gets the browser's "Leave site?" warning. */
export function useWarnBeforeUnload(unsaved: boolean): void {
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
}
