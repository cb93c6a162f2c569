import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import type { StartedFlow } from '../oauth';

export type JiraConnection = Schemas['JiraConnection'];
export type ConnectionStatus = JiraConnection['status'];

export interface JiraProject {
  id?: string;
  key?: string;
  name?: string;
}

/** My connection to every OAuth-enabled instance, connected or not. */
export const myJiraConnectionsQuery = queryOptions({
  queryKey: ['my-jira-connections'],
  queryFn: async () => (await unwrap(api.GET('/api/me/jira-connections'))).items,
});

export function startJiraAuthentication(instanceId: number): Promise<StartedFlow> {
  return unwrap(api.POST('/api/me/jira-connections/{instanceId}/flows', { params: { path: { instanceId } } }));
}

export function completeJiraAuthentication(instanceId: number, verificationCode: string): Promise<JiraConnection> {
  return unwrap(
    api.POST('/api/me/jira-connections/{instanceId}/verification', {
      params: { path: { instanceId } },
      body: { verificationCode: verificationCode.trim() },
    }),
  );
}

export function disconnectJira(instanceId: number): Promise<void> {
  return unwrap(api.DELETE('/api/me/jira-connections/{instanceId}', { params: { path: { instanceId } } }));
}

/** A Jira-backed read, made as the user: answers jira_auth_required until they authenticate. */
export function jiraProjectsQuery(instanceId: number) {
  return queryOptions({
    queryKey: ['jira', instanceId, 'projects'],
    queryFn: async (): Promise<JiraProject[]> =>
      (await unwrap(api.GET('/api/jira/{instanceId}/projects', { params: { path: { instanceId } } }))).items,
  });
}
