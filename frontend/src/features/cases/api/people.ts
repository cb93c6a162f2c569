import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

/** The enabled users, to pick an owner; they change rarely. */
export const peopleQuery = queryOptions({
  queryKey: ['people'],
  queryFn: async () => (await unwrap(api.GET('/api/people'))).items,
  staleTime: 60_000,
});
