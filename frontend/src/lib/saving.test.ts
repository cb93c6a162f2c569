import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/ApiError';
import { isTransient, retryDelay, RETRY_DELAYS_MS } from './saving';

describe('background saves', () => {
  it('try again by themselves after no answer, a timeout, a busy or unavailable server; not after a refusal', () => {
    expect(isTransient(new TypeError('Failed to fetch'))).toBe(true);
    expect(isTransient(new ApiError(0, 'network', 'offline'))).toBe(true);
    expect(isTransient(new ApiError(408, 'timeout', 'slow'))).toBe(true);
    expect(isTransient(new ApiError(429, 'too_many_attempts', 'busy'))).toBe(true);
    expect(isTransient(new ApiError(503, 'unavailable', 'down'))).toBe(true);
    expect(isTransient(new ApiError(400, 'invalid_request', 'bad'))).toBe(false);
    expect(isTransient(new ApiError(409, 'edit_conflict', 'theirs'))).toBe(false);
  });

  it('wait longer after each failure, the last wait repeating, unless the server said how long', () => {
    const down = new ApiError(503, 'unavailable', 'down');
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((failures) => retryDelay(down, failures))).toEqual([
      1000, 2000, 4000, 8000, 15_000, 30_000, 30_000, 30_000,
    ]);
    expect(retryDelay(down, 1, [10, 20])).toBe(20);
    expect(retryDelay(new ApiError(429, 'too_many_attempts', 'busy', undefined, 7), 0)).toBe(7000);
    expect(RETRY_DELAYS_MS[0]).toBe(1000);
  });
});
