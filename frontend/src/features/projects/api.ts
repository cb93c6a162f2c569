import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type JsonBody, type Schemas } from '../../api/client';
import { integrationsKey, type JiraInstance } from '../../lib/jiraInstance';

export type Project = Schemas['Project'];
export type ProjectDraft = JsonBody<'createProject'>;
export type ProjectChanges = JsonBody<'updateProject'>;

export const projectsQuery = queryOptions({
  queryKey: ['projects'],
  queryFn: async () => (await unwrap(api.GET('/api/projects'))).items,
});

export function createProject(draft: ProjectDraft): Promise<Project> {
  return unwrap(api.POST('/api/projects', { body: draft }));
}

export function updateProject(projectId: number, changes: ProjectChanges): Promise<Project> {
  return unwrap(api.PATCH('/api/projects/{projectId}', { params: { path: { projectId } }, body: changes }));
}

// More instances than this is not a set-up a project form has to page through.
const MAX_INSTANCES = 100;

/** Every instance, OAuth-enabled or not (for those who may see Integrations: INTEGRATION_VIEW). */
export const instancesQuery = queryOptions({
  queryKey: [...integrationsKey, 'all'],
  queryFn: async (): Promise<JiraInstance[]> =>
    (await unwrap(api.GET('/api/integrations', { params: { query: { page: 1, pageSize: MAX_INSTANCES } } }))).items,
});

/** The instances a project can default to: only OAuth-enabled ones can be used as the tester. */
export const oauthInstancesQuery = queryOptions({
  ...instancesQuery,
  select: (instances: JiraInstance[]) => instances.filter((instance) => instance.oauthEnabled),
});
