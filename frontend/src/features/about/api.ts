import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export const aboutQuery = queryOptions({
  queryKey: ['about'],
  queryFn: () => unwrap(api.GET('/api/about')),
  staleTime: Infinity,
});
