import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type JsonBody, type Schemas } from '../../api/client';

export type Issue = Schemas['Issue'];
export type IssueState = Issue['state'];
export type IssueDraft = JsonBody<'createIssue'>;
export type IssueChanges = JsonBody<'updateIssueDraft'>;
export type JiraField = Schemas['JiraField'];
/** What the server accepts for one Jira field: text, a number, or a list of ids or labels. */
export type FieldValue = string | number | string[];

export interface JiraIssueType {
  id: string;
  name: string;
  subtask: boolean;
}

export interface JiraUser {
  id: string;
  displayName: string;
}

// Create metadata changes rarely; a tester filling several issues in a row should not wait for it.
const METADATA_STALE_MS = 5 * 60_000;

export function issuesQuery(projectId: number) {
  return queryOptions({
    queryKey: ['projects', projectId, 'issues'],
    queryFn: async () => (await unwrap(api.GET('/api/projects/{projectId}/issues', { params: { path: { projectId } } }))).items,
    // The server refreshes Jira statuses older than a minute whenever the list is read.
    staleTime: 30_000,
  });
}

export function createIssue(projectId: number, draft: IssueDraft): Promise<Issue> {
  return unwrap(api.POST('/api/projects/{projectId}/issues', { params: { path: { projectId } }, body: draft }));
}

export function updateIssueDraft(issueId: number, changes: IssueChanges): Promise<Issue> {
  return unwrap(api.PATCH('/api/issues/{issueId}', { params: { path: { issueId } }, body: changes }));
}

/** Creates a kept draft in Jira again; the server never creates it twice. */
export function submitIssue(issueId: number): Promise<Issue> {
  return unwrap(api.POST('/api/issues/{issueId}/submit', { params: { path: { issueId } } }));
}

// Jira-backed reads, made as the user: each may wait for the "Authenticate with Jira" dialog.
// Their keys start with ['jira', instanceId] so that disconnecting forgets them.

export function jiraIssueTypesQuery(instanceId: number, projectKey: string) {
  return queryOptions({
    queryKey: ['jira', instanceId, 'createmeta', projectKey],
    queryFn: async (): Promise<JiraIssueType[]> =>
      (
        await unwrap(
          api.GET('/api/jira/{instanceId}/projects/{projectKey}/issue-types', { params: { path: { instanceId, projectKey } } }),
        )
      ).items.map((type) => ({ id: type.id ?? '', name: type.name ?? type.id ?? '', subtask: type.subtask ?? false })),
    staleTime: METADATA_STALE_MS,
  });
}

export function jiraFieldsQuery(instanceId: number, projectKey: string, issueTypeId: string) {
  return queryOptions({
    queryKey: ['jira', instanceId, 'createmeta', projectKey, issueTypeId],
    queryFn: async (): Promise<JiraField[]> =>
      (
        await unwrap(
          api.GET('/api/jira/{instanceId}/projects/{projectKey}/issue-types/{issueTypeId}/fields', {
            params: { path: { instanceId, projectKey, issueTypeId } },
          }),
        )
      ).items,
    staleTime: METADATA_STALE_MS,
  });
}

/** People who can be assigned issues of the Jira project (Jira's assignable search). */
export function jiraUsersQuery(instanceId: number, project: string, query: string) {
  return queryOptions({
    queryKey: ['jira', instanceId, 'users', project, query],
    queryFn: async (): Promise<JiraUser[]> =>
      (await unwrap(api.GET('/api/jira/{instanceId}/users', { params: { path: { instanceId }, query: { query, project } } }))).items.map(
        (user) => ({ id: user.id ?? '', displayName: user.displayName ?? user.id ?? '' }),
      ),
    staleTime: 60_000,
  });
}
