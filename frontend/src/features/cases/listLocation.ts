import { useLocation } from 'react-router';
import { projectPath } from '../projects';

/** History state of a case opened from the list: the list's query string (folder, filters, page). */
interface OpenedFromList {
  listSearch: string;
}

export function openedFromList(listSearch: string): OpenedFromList {
  return { listSearch };
}

/** The list the open case came from, as it was (it survives a reload), or the whole repository. */
export function useListPath(projectId: number): string {
  const { state } = useLocation() as { state: Partial<OpenedFromList> | null };
  const search = typeof state?.listSearch === 'string' ? state.listSearch : '';
  return `${projectPath(projectId, 'cases')}${search}`;
}
