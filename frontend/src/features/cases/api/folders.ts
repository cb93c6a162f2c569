import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { Folder } from './types';

export function foldersQuery(projectId: number) {
  return queryOptions({
    queryKey: ['projects', projectId, 'folders'],
    queryFn: async () => (await unwrap(api.GET('/api/projects/{projectId}/folders', { params: { path: { projectId } } }))).items,
  });
}

export function createFolder(projectId: number, name: string, parentId: number | null): Promise<Folder> {
  return unwrap(api.POST('/api/projects/{projectId}/folders', { params: { path: { projectId } }, body: { name, parentId } }));
}

/** Renames a folder, or moves it (parentId null: to the top level). */
export function updateFolder(folderId: number, change: { name: string } | { parentId: number | null }): Promise<Folder> {
  return unwrap(api.PATCH('/api/folders/{folderId}', { params: { path: { folderId } }, body: change }));
}

/** Its cases and subfolders move up to its parent; no case is deleted. */
export function deleteFolder(folderId: number): Promise<void> {
  return unwrap(api.DELETE('/api/folders/{folderId}', { params: { path: { folderId } } }));
}
