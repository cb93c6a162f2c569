import { api, unwrap } from '../../../api/client';
import type { ImportReport } from './types';

/** The browser refuses bigger files before sending them (the server's limit for a file's text). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** `dryRun`: what the file would do and what is wrong in it; otherwise imports it, all or nothing. */
export function importCases(projectId: number, csv: string, dryRun: boolean): Promise<ImportReport> {
  return unwrap(api.POST('/api/projects/{projectId}/cases/import', { params: { path: { projectId } }, body: { csv, dryRun } }));
}

export const TEMPLATE_URL = '/api/case-template.csv';
