import { Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/ApiError';

/** Longer waits are left to the person: a page does not sit counting down for minutes. */
const LONGEST_AUTOMATIC_WAIT_SECONDS = 300;

/**
 * How long to wait before asking again, when the server said so: Jira (through Testbridge) is
 * rate-limiting or busy (429, 503 with Retry-After), or may still be creating an issue (409 with
 * Retry-After). Undefined for every other error.
 */
export function retryAfterSeconds(error: unknown): number | undefined {
  if (!(error instanceof ApiError) || error.retryAfterSeconds === undefined) return undefined;
  if (error.status !== 429 && error.status !== 503 && error.status !== 409) return undefined;
  return error.retryAfterSeconds <= LONGEST_AUTOMATIC_WAIT_SECONDS ? Math.max(1, error.retryAfterSeconds) : undefined;
}

/**
 * Counts down the server's Retry-After for `error` and calls `retry` when it is over; the seconds
 * left (0 once it has asked again), or undefined when the error says nothing about when to retry.
 * A new error starts anew.
 */
export function useRetryCountdown(error: unknown, retry: () => void): number | undefined {
  const wait = retryAfterSeconds(error);
  const [tick, setTick] = useState<{ error: unknown; left: number } | null>(null);
  const retryRef = useRef(retry);
  useEffect(() => {
    retryRef.current = retry;
  });
  useEffect(() => {
    if (wait === undefined) return;
    const until = Date.now() + wait * 1000;
    const timer = setInterval(() => {
      const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      setTick({ error, left });
      if (left === 0) {
        clearInterval(timer);
        retryRef.current();
      }
    }, 250);
    return () => clearInterval(timer);
  }, [error, wait]);
  if (wait === undefined) return undefined;
  return tick !== null && tick.error === error ? tick.left : wait;
}

/** "Trying again in 7 s" while the countdown of {@link useRetryCountdown} runs; nothing otherwise. */
export function RetryCountdown({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const left = useRetryCountdown(error, onRetry);
  if (left === undefined) return null;
  return (
    <Text component="span" size="sm" role="status" data-testid="retry-countdown">
      {' '}
      {left > 0 ? `Trying again in ${left} s.` : 'Trying again now…'}
    </Text>
  );
}
