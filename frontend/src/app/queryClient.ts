import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isApiError, isJiraAuthRequired } from '../api/ApiError';
import { retryAfterSeconds } from '../components/RetryCountdown';
import { meQuery } from '../features/auth';

/**
 * A 4xx answer will not change by asking again; a network error or 5xx might. An answer that says
 * when to retry (Retry-After) is retried then, by the page's countdown, not at once.
 */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  if (retryAfterSeconds(error) !== undefined) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  // A 401 anywhere means the session ended (expired, logged out elsewhere): back to the login page.
  // Except jira_auth_required: the session is fine, the user has no Jira token of their own yet.
  const forgetSessionOn401 = (error: unknown) => {
    if (isApiError(error, 401) && !isJiraAuthRequired(error) && client.getQueryData(meQuery.queryKey)) {
      client.setQueryData(meQuery.queryKey, null);
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: forgetSessionOn401 }),
    mutationCache: new MutationCache({ onError: forgetSessionOn401 }),
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
  return client;
}
