import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { operations } from '../../api/schema';

export type SystemStatus = operations['getSystem']['responses'][200]['content']['application/json'];
export type RecentJiraError = SystemStatus['recentJiraErrors'][number];

/** How the server is doing; refreshed every half minute while the page is open. */
export const systemQuery = queryOptions({
  queryKey: ['system'],
  queryFn: () => unwrap(api.GET('/api/system')),
  refetchInterval: 30_000,
});

export type BackupStatus = operations['getBackups']['responses'][200]['content']['application/json'];
export type BackupRun = BackupStatus['latest'][number];

/** The backup schedule and the latest backups; every 2 s while one is being taken, else every half minute. */
export const backupsQuery = queryOptions({
  queryKey: ['system', 'backups'],
  queryFn: () => unwrap(api.GET('/api/system/backups')),
  refetchInterval: (query) => (query.state.data?.runningSince ? 2_000 : 30_000),
});

export function startBackup(): Promise<BackupStatus> {
  return unwrap(api.POST('/api/system/backups'));
}

/** A plain link: the browser streams the file to disk itself, with its own progress and cancel. */
export const BACKUP_DOWNLOAD_URL = '/api/system/backup-download';
