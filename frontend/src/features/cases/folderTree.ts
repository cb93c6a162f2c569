import type { Folder } from './api/types';

export interface FolderNode {
  folder: Folder;
  children: FolderNode[];
  /** Active cases in it and in its subfolders (what selecting it lists). */
  totalCases: number;
}

/** The folders as a tree, siblings in the server's order (by name). */
export function buildFolderTree(folders: readonly Folder[]): FolderNode[] {
  const nodes = new Map(folders.map((folder) => [folder.id, { folder, children: [] as FolderNode[], totalCases: 0 }]));
  const roots: FolderNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.folder.parentId === null ? undefined : nodes.get(node.folder.parentId);
    (parent ? parent.children : roots).push(node);
  }
  const total = (node: FolderNode): number => {
    node.totalCases = node.folder.caseCount + node.children.reduce((sum, child) => sum + total(child), 0);
    return node.totalCases;
  };
  roots.forEach(total);
  return roots;
}

/** "Auth / Login" for a folder Login inside Auth. */
export function folderPath(folders: readonly Folder[], folderId: number): string {
  const byId = new Map(folders.map((folder) => [folder.id, folder]));
  const names: string[] = [];
  for (let folder = byId.get(folderId); folder && names.length <= folders.length; folder = folder.parentId === null ? undefined : byId.get(folder.parentId)) {
    names.unshift(folder.name);
  }
  return names.join(' / ');
}

/**
 * Each folder's name as a list or a screen reader should say it: its name, and where it is when
 * another folder has the same name ("Login (in Auth)", "Login (at the top)").
 */
export function folderNames(folders: readonly Folder[]): Map<number, string> {
  const byName = new Map<string, number>();
  for (const folder of folders) byName.set(folder.name.toLowerCase(), (byName.get(folder.name.toLowerCase()) ?? 0) + 1);
  return new Map(
    folders.map((folder) => {
      if ((byName.get(folder.name.toLowerCase()) ?? 0) < 2) return [folder.id, folder.name];
      const where = folder.parentId === null ? 'at the top' : `in ${folderPath(folders, folder.parentId)}`;
      return [folder.id, `${folder.name} (${where})`];
    }),
  );
}

/** The folder and every folder below it (where it cannot move). */
export function folderAndDescendants(folders: readonly Folder[], folderId: number): Set<number> {
  const found = new Set([folderId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const folder of folders) {
      if (folder.parentId !== null && found.has(folder.parentId) && !found.has(folder.id)) {
        found.add(folder.id);
        grew = true;
      }
    }
  }
  return found;
}

/** Every folder as a choice named by its path, in path order; `except` leaves some out. */
export function folderOptions(folders: readonly Folder[], except: ReadonlySet<number> = new Set()) {
  return folders
    .filter((folder) => !except.has(folder.id))
    .map((folder) => ({ value: String(folder.id), label: folderPath(folders, folder.id) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
