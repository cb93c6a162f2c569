import { useQueryClient } from '@tanstack/react-query';
import { projectCasesKey } from './cases';
import { foldersQuery } from './folders';
import { caseLabelsKey } from './labels';

/**
 * After a change to cases or folders: the lists, the folders' counts, the labels in use, and any suite and open case
 * (a suite shows its cases' status; an editor their folder).
 */
export function useRefreshRepository(projectId: number): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: projectCasesKey(projectId) }),
      queryClient.invalidateQueries({ queryKey: foldersQuery(projectId).queryKey }),
      queryClient.invalidateQueries({ queryKey: caseLabelsKey(projectId) }),
      queryClient.invalidateQueries({ queryKey: ['suites'] }),
      queryClient.invalidateQueries({ queryKey: ['cases'] }),
    ]);
  };
}
