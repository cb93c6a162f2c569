import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap, type JsonBody } from '../../../api/client';
import type { CaseContent, CaseStatus, CaseSummary, Priority, TestCase } from './types';

/** The root of every query key about a project's cases (lists), so one invalidation refreshes them all. */
export function projectCasesKey(projectId: number) {
  return ['projects', projectId, 'cases'] as const;
}

export function caseKey(caseId: number) {
  return ['cases', caseId] as const;
}

/** Which cases a list or an export is about (the listCases query without paging). */
export interface CaseQuery {
  q?: string;
  folderId?: number;
  unfiled?: boolean;
  label?: string;
  status?: CaseStatus;
  priority?: Priority;
  ownerId?: number;
  archived?: boolean;
}

export interface CasePage {
  items: CaseSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export function casesQuery(projectId: number, query: CaseQuery, sort: string, page: number, pageSize: number) {
  return queryOptions({
    queryKey: [...projectCasesKey(projectId), 'list', { ...query, sort, page, pageSize }],
    queryFn: (): Promise<CasePage> =>
      unwrap(api.GET('/api/projects/{projectId}/cases', { params: { path: { projectId }, query: { ...query, sort, page, pageSize } } })),
    // The rows of the last page stay while the next page or filter loads.
    placeholderData: keepPreviousData,
  });
}

export function caseQuery(caseId: number) {
  return queryOptions({
    queryKey: caseKey(caseId),
    queryFn: () => unwrap(api.GET('/api/cases/{caseId}', { params: { path: { caseId } } })),
  });
}

export function createCase(projectId: number, input: JsonBody<'createCase'>): Promise<TestCase> {
  return unwrap(api.POST('/api/projects/{projectId}/cases', { params: { path: { projectId } }, body: input }));
}

/** One save of the editor: the whole content, from `revision`, as part of one editing session. */
export function saveCase(caseId: number, content: CaseContent, revision: number, editSession: string): Promise<TestCase> {
  return unwrap(api.PUT('/api/cases/{caseId}', { params: { path: { caseId } }, body: { ...content, revision, editSession } }));
}

export type BulkChange = Omit<JsonBody<'bulkEditCases'>, 'caseIds'>;

/** Answers how many cases changed. */
export async function bulkEditCases(projectId: number, caseIds: number[], change: BulkChange): Promise<number> {
  return (await unwrap(api.POST('/api/projects/{projectId}/cases/bulk', { params: { path: { projectId } }, body: { caseIds, ...change } })))
    .updated;
}

export async function cloneCases(projectId: number, caseIds: number[]): Promise<TestCase[]> {
  return (await unwrap(api.POST('/api/projects/{projectId}/cases/clone', { params: { path: { projectId } }, body: { caseIds } }))).items;
}

export async function archiveCases(projectId: number, caseIds: number[]): Promise<number> {
  return (await unwrap(api.POST('/api/projects/{projectId}/cases/archive', { params: { path: { projectId } }, body: { caseIds } }))).updated;
}

export async function restoreCases(projectId: number, caseIds: number[]): Promise<number> {
  return (await unwrap(api.POST('/api/projects/{projectId}/cases/restore', { params: { path: { projectId } }, body: { caseIds } }))).updated;
}
