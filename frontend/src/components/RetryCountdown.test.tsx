import { MantineProvider } from '@mantine/core';
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/ApiError';
import { RetryCountdown, retryAfterSeconds } from './RetryCountdown';

describe('retryAfterSeconds', () => {
  it('is the Retry-After of a 429, a 503 or a 409, and nothing for other errors or long waits', () => {
    expect(retryAfterSeconds(new ApiError(429, 'too_many_attempts', 'slow down', undefined, 7))).toBe(7);
    expect(retryAfterSeconds(new ApiError(503, 'jira_unavailable', 'busy', undefined, 0))).toBe(1);
    expect(retryAfterSeconds(new ApiError(409, 'conflict', 'still creating', undefined, 30))).toBe(30);
    expect(retryAfterSeconds(new ApiError(429, 'too_many_attempts', 'slow down'))).toBeUndefined();
    expect(retryAfterSeconds(new ApiError(400, 'invalid_request', 'bad', undefined, 5))).toBeUndefined();
    expect(retryAfterSeconds(new ApiError(429, 'too_many_attempts', 'slow down', undefined, 3600))).toBeUndefined();
    expect(retryAfterSeconds(new Error('x'))).toBeUndefined();
  });
});

describe('RetryCountdown', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts down the seconds Jira asked for, then asks again once', () => {
    const retry = vi.fn();
    render(
      <MantineProvider>
        <RetryCountdown error={new ApiError(429, 'too_many_attempts', 'slow down', undefined, 3)} onRetry={retry} />
      </MantineProvider>,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Trying again in 3 s.');
    act(() => {
      vi.advanceTimersByTime(1_250);
    });
    expect(screen.getByRole('status')).toHaveTextContent('Trying again in 2 s.');
    expect(retry).not.toHaveBeenCalled();
    act(() => {
      vi.advanceTimersByTime(2_000);
    });
    expect(retry).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status')).toHaveTextContent('Trying again now…');
    act(() => {
      vi.advanceTimersByTime(5_000);
    });
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('shows nothing for an error that does not say when to retry', () => {
    render(
      <MantineProvider>
        <RetryCountdown error={new ApiError(502, 'jira_error', 'broken')} onRetry={() => {}} />
      </MantineProvider>,
    );
    expect(screen.queryByRole('status')).toBeNull();
  });
});
