import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type SuiteSummary = Schemas['SuiteSummary'];
export type SuiteDetail = Schemas['SuiteDetail'];
export type SuiteLink = Schemas['SuiteLink'];
export type SuiteCase = Schemas['SuiteCase'];

export type CaseSummary = Schemas['CaseSummary'];

/** At most this many keys per link request (the server's limit). */
export const MAX_LINKS_AT_ONCE = 50;

export function suitesQuery(projectId: number) {
  return queryOptions({
    queryKey: ['projects', projectId, 'suites'],
    queryFn: async () => (await unwrap(api.GET('/api/projects/{projectId}/suites', { params: { path: { projectId } } }))).items,
  });
}

export function suiteQuery(suiteId: number) {
  return queryOptions({
    queryKey: ['suites', suiteId],
    queryFn: () => unwrap(api.GET('/api/suites/{suiteId}', { params: { path: { suiteId } } })),
  });
}

export function createSuite(projectId: number, suite: { name: string; description?: string }): Promise<SuiteSummary> {
  return unwrap(api.POST('/api/projects/{projectId}/suites', { params: { path: { projectId } }, body: suite }));
}

export function addTestCase(suiteId: number, testCase: { title: string; steps?: string }): Promise<unknown> {
  return unwrap(api.POST('/api/suites/{suiteId}/cases', { params: { path: { suiteId } }, body: testCase }));
}

/** How many of the project's cases "Add cases" lists at once; a search narrows them down. */
export const CASE_PICKER_SIZE = 50;

/** Active cases of the project found by words or a key, to add to a suite. */
export function casesToAddQuery(projectId: number, text: string) {
  return queryOptions({
    // Under the project's cases, so that any change to the repository refreshes it too.
    queryKey: ['projects', projectId, 'cases', 'to-add', text],
    queryFn: () =>
      unwrap(
        api.GET('/api/projects/{projectId}/cases', {
          params: { path: { projectId }, query: { ...(text ? { q: text } : {}), pageSize: CASE_PICKER_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Adds cases of the project to the end of the suite (those in it already stay where they are); answers the suite's cases. */
export async function addSuiteCases(suiteId: number, caseIds: number[]): Promise<SuiteCase[]> {
  return (await unwrap(api.POST('/api/suites/{suiteId}/members', { params: { path: { suiteId } }, body: { caseIds } }))).items;
}

/** Puts every case of the suite in a new order. */
export async function reorderSuiteCases(suiteId: number, caseIds: number[]): Promise<SuiteCase[]> {
  return (await unwrap(api.PUT('/api/suites/{suiteId}/members', { params: { path: { suiteId } }, body: { caseIds } }))).items;
}

/** Takes a case out of the suite; it stays in the repository. */
export function removeSuiteCase(suiteId: number, caseId: number): Promise<void> {
  return unwrap(api.DELETE('/api/suites/{suiteId}/members/{caseId}', { params: { path: { suiteId, caseId } } }));
}

/** Links issues after the server read each of them from Jira as the user. */
export async function linkIssues(suiteId: number, instanceId: number, keys: string[]): Promise<SuiteLink[]> {
  return (await unwrap(api.POST('/api/suites/{suiteId}/links', { params: { path: { suiteId } }, body: { instanceId, keys } }))).items;
}

export function unlinkIssue(suiteId: number, instanceId: number, issueKey: string): Promise<void> {
  return unwrap(
    api.DELETE('/api/suites/{suiteId}/links/{instanceId}/{issueKey}', { params: { path: { suiteId, instanceId, issueKey } } }),
  );
}

