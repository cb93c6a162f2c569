import { useSearchParams } from 'react-router';
import type { CaseQuery } from '../api/cases';
import type { CaseStatus, Priority } from '../api/types';
import { isCaseStatus, isPriority } from '../caseFields';

export const SORT_FIELDS = ['key', 'title', 'priority', 'status', 'updated'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export interface CaseSort {
  field: SortField;
  descending: boolean;
}

/** All cases, the ones in no folder, or a folder with its subfolders. */
export type FolderChoice = 'all' | 'unfiled' | number;

/** What the repository shows, kept in the query string so that a reload or a shared link keeps it. */
export interface CaseFilters {
  text: string;
  folder: FolderChoice;
  label: string;
  status: CaseStatus | null;
  priority: Priority | null;
  ownerId: number | null;
  archived: boolean;
  sort: CaseSort;
  page: number;
}

const DEFAULT_SORT: CaseSort = { field: 'key', descending: false };

function positiveInteger(value: string | null): number | null {
  const number = Number(value);
  return value && Number.isInteger(number) && number > 0 ? number : null;
}

export function readFilters(params: URLSearchParams): CaseFilters {
  const folder = params.get('folder');
  const sort = params.get('sort') ?? '';
  const field = sort.replace(/^-/, '');
  const status = params.get('status');
  const priority = params.get('priority');
  return {
    text: params.get('q') ?? '',
    folder: folder === 'unfiled' ? 'unfiled' : (positiveInteger(folder) ?? 'all'),
    label: params.get('label') ?? '',
    status: isCaseStatus(status) ? status : null,
    priority: isPriority(priority) ? priority : null,
    ownerId: positiveInteger(params.get('owner')),
    archived: params.get('archived') === '1',
    sort: (SORT_FIELDS as readonly string[]).includes(field) ? { field: field as SortField, descending: sort.startsWith('-') } : DEFAULT_SORT,
    page: positiveInteger(params.get('page')) ?? 1,
  };
}

/** The query string of these filters; defaults are left out, so a plain link stays plain. */
export function writeFilters(filters: CaseFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.text.trim()) params.set('q', filters.text);
  if (filters.folder !== 'all') params.set('folder', String(filters.folder));
  if (filters.label.trim()) params.set('label', filters.label);
  if (filters.status) params.set('status', filters.status);
  if (filters.priority) params.set('priority', filters.priority);
  if (filters.ownerId !== null) params.set('owner', String(filters.ownerId));
  if (filters.archived) params.set('archived', '1');
  if (filters.sort.field !== DEFAULT_SORT.field || filters.sort.descending) params.set('sort', sortParameter(filters.sort));
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

export function sortParameter(sort: CaseSort): string {
  return `${sort.descending ? '-' : ''}${sort.field}`;
}

/** The listCases (and export) parameters of these filters. */
export function toCaseQuery(filters: CaseFilters): CaseQuery {
  return {
    ...(filters.text.trim() ? { q: filters.text.trim() } : {}),
    ...(typeof filters.folder === 'number' ? { folderId: filters.folder } : {}),
    ...(filters.folder === 'unfiled' ? { unfiled: true } : {}),
    ...(filters.label.trim() ? { label: filters.label.trim() } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.priority ? { priority: filters.priority } : {}),
    ...(filters.ownerId !== null ? { ownerId: filters.ownerId } : {}),
    ...(filters.archived ? { archived: true } : {}),
  };
}

/** The address of the CSV export of what a query finds. */
export function exportUrl(projectId: number, query: CaseQuery): string {
  const params = new URLSearchParams(Object.entries(query).map(([name, value]) => [name, String(value)]));
  const search = params.toString();
  return `/api/projects/${projectId}/cases.csv${search ? `?${search}` : ''}`;
}

/** The address of the CSV export of chosen cases. */
export function selectionExportUrl(projectId: number, caseIds: readonly number[]): string {
  return `/api/projects/${projectId}/cases.csv?ids=${caseIds.join(',')}`;
}

/**
 * The repository's filters from the URL, and a setter that writes them back. Any change but the
 * page's starts again at page 1. History entries are replaced, so typing a search does not fill
 * the Back button.
 */
export function useCaseFilters(): [CaseFilters, (change: Partial<CaseFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const update = (change: Partial<CaseFilters>) => {
    setParams((previous) => writeFilters({ ...readFilters(previous), page: 1, ...change }), { replace: true });
  };
  return [filters, update];
}
