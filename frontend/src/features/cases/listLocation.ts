import { useLocation } from 'react-router';
import { projectPath } from '../projects';

/** History state of a case opened from the list: the list's query string (folder, filters, page). */
interface OpenedFromList {
  listSearch: string;
  /** Just made with "Create and edit": the editor starts in the field after the title. */
  created?: boolean;
}

export function openedFromList(listSearch: string, created = false): OpenedFromList {
  return created ? { listSearch, created } : { listSearch };
}

/** Whether the open case was just made from the list ("Create and edit"). */
export function useJustCreated(): boolean {
  const { state } = useLocation() as { state: Partial<OpenedFromList> | null };
  return state?.created === true;
}

/** The list the open case came from, as it was (it survives a reload), or the whole repository. */
export function useListPath(projectId: number): string {
  const { state } = useLocation() as { state: Partial<OpenedFromList> | null };
  const search = typeof state?.listSearch === 'string' ? state.listSearch : '';
  return `${projectPath(projectId, 'cases')}${search}`;
}
