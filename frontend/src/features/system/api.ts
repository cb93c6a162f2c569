import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { operations } from '../../api/schema';

export type SystemStatus = operations['getSystem']['responses'][200]['content']['application/json'];
export type RecentJiraError = SystemStatus['recentJiraErrors'][number];

/** How the server is doing; refreshed every half minute while the page is open. */
export const systemQuery = queryOptions({
  queryKey: ['system'],
  queryFn: () => unwrap(api.GET('/api/system')),
  refetchInterval: 30_000,
});
