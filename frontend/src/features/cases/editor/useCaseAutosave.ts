import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { newUuid } from '../../../lib/uuid';
import { caseKey, projectCasesKey, saveCase } from '../api/cases';
import { versionsKey } from '../api/history';
import type { TestCase } from '../api/types';
import { CaseAutosaver, type AutosaveSnapshot } from './CaseAutosaver';

/**
 * The autosave of one opening of the editor: one edit session (so its saves refine one version),
 * the content as typed (from `initial` when the editor opened), and the save status. Each answer
 * refreshes what other views show of the case.
 */
export function useCaseAutosave(initial: TestCase): AutosaveSnapshot & { autosaver: CaseAutosaver } {
  const queryClient = useQueryClient();
  const [autosaver] = useState(() => {
    const editSession = newUuid();
    return new CaseAutosaver(
      initial,
      (content, revision) => saveCase(initial.id, content, revision, editSession),
      (saved) => {
        queryClient.setQueryData(caseKey(saved.id), saved);
        void queryClient.invalidateQueries({ queryKey: versionsKey(saved.id) });
        void queryClient.invalidateQueries({ queryKey: projectCasesKey(saved.projectId) });
      },
    );
  });
  // Leaving the editor sends what waits for the typing pause.
  useEffect(() => () => autosaver.suspend(), [autosaver]);
  const snapshot = useSyncExternalStore(autosaver.subscribe, autosaver.getSnapshot);
  return { ...snapshot, autosaver };
}
