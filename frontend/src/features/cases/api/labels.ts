import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export function caseLabelsKey(projectId: number) {
  return ['projects', projectId, 'case-labels'] as const;
}

/** The labels the project's active cases carry, by name, each with its number of cases: for suggestions. */
export function caseLabelsQuery(projectId: number) {
  return queryOptions({
    queryKey: caseLabelsKey(projectId),
    queryFn: async () => (await unwrap(api.GET('/api/projects/{projectId}/case-labels', { params: { path: { projectId } } }))).items,
  });
}
