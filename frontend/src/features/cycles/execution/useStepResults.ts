import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useSession } from '../../auth';
import {
  cycleKey,
  cyclesKey,
  latestAttemptQuery,
  recordStepResult,
  type Attempt,
  type AttemptStatus,
  type AttemptStep,
  type StepResult,
} from '../api';
import { useWarnBeforeUnload } from '../../../lib/saving';
import { SaveQueue, summarize, type QueueEntry, type QueueSnapshot, type QueueSummary } from './saveQueue';

/** A step result on its way to the server, with what it takes to send it after a reload. */
export interface PendingResult {
  cycleId: number;
  cycleCaseId: number;
  executionId: number;
  stepId: string;
  result: StepResult;
}

// A pause in typing this long sends what was typed; a status goes at once.
export const TYPING_PAUSE_MS = 800;
const STORAGE = 'testbridge.unsaved-step-results';

export function resultKey(executionId: number, stepId: string): string {
  return `${executionId}:${stepId}`;
}

export interface StepResults {
  /** What a step shows: the newest value typed or chosen, saved or not. */
  resultOf: (executionId: number, step: AttemptStep) => StepResult;
  entryOf: (executionId: number, stepId: string) => QueueEntry<PendingResult> | undefined;
  /** Changes a step's result; `typing` waits for a pause before sending. */
  change: (attempt: Attempt, step: AttemptStep, change: Partial<StepResult>, typing?: boolean) => void;
  /** Resolves once the step's result is on the server (before a defect is written from it). */
  whenSaved: (executionId: number, stepId: string) => Promise<void>;
  retryNow: () => void;
  discard: (executionId: number, stepId: string) => void;
  summary: QueueSummary;
  snapshot: QueueSnapshot<PendingResult>;
}

/** The attempt as the server now has it, after a step result it took. */
function withSaved(attempt: Attempt, saved: PendingResult, status: AttemptStatus, me: { id: number; name: string }): Attempt {
  if (attempt.id !== saved.executionId) return attempt;
  return {
    ...attempt,
    status: status.status,
    derivedStatus: status.derivedStatus,
    statusSetByHand: status.statusSetByHand,
    startedAt: status.startedAt ?? null,
    finishedAt: status.finishedAt ?? null,
    steps: attempt.steps.map((step) =>
      step.id === saved.stepId ? { ...step, ...saved.result, updatedBy: me, updatedAt: new Date().toISOString() } : step,
    ),
  };
}

/**
 * The step results of a cycle's execution screen, saved optimistically through a {@link SaveQueue}
 * kept per user in localStorage: what a previous page could not save is sent again when the cycle
 * is opened; the browser warns before a page with unsaved results is closed; coming back online
 * retries at once.
 */
export function useStepResults(cycleId: number, projectId: number): StepResults {
  const queryClient = useQueryClient();
  const { user } = useSession();

  // One queue for as long as the page is open (the user cannot change meanwhile: logging out leaves it).
  const [queue] = useState(() => {
    const me = { id: user.id, name: user.displayName };
    return new SaveQueue<PendingResult>({
        send: (_, pending) => recordStepResult(pending.cycleId, pending.executionId, pending.stepId, pending.result),
        onSaved: (_, pending, answer) => {
          const key = latestAttemptQuery(pending.cycleId, pending.cycleCaseId).queryKey;
          if (queryClient.getQueryData(key)) {
            const patch = () => queryClient.setQueryData(key, (attempt) => attempt && withSaved(attempt, pending, answer as AttemptStatus, me));
            patch();
            // A read that started before this save would bring back the old result (a cancelled one
            // reverts to the data before it): the saved one wins.
            void queryClient.cancelQueries({ queryKey: key }).then(patch);
          } else {
            void queryClient.invalidateQueries({ queryKey: key });
          }
          void queryClient.invalidateQueries({ queryKey: [...cycleKey(pending.cycleId), 'cases'] });
          void queryClient.invalidateQueries({ queryKey: cycleKey(pending.cycleId), exact: true });
          void queryClient.invalidateQueries({ queryKey: cyclesKey(projectId) });
        },
        storage: window.localStorage,
        storagePrefix: `${STORAGE}:${user.id}:`,
      });
  });

  useEffect(() => {
    queue.start();
    // What an earlier page of this cycle left unsaved (closed, crashed, offline) goes now.
    queue.restore((_, pending) => pending.cycleId === cycleId);
    const online = () => queue.retryNow();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      queue.stop();
    };
  }, [queue, cycleId]);

  const snapshot = useSyncExternalStore(queue.subscribe, queue.getSnapshot);
  const unsaved = [...snapshot.values()].some((entry) => entry.state.kind !== 'saved');
  useWarnBeforeUnload(unsaved);

  const resultOf = useCallback(
    (executionId: number, step: AttemptStep): StepResult =>
      snapshot.get(resultKey(executionId, step.id))?.value?.result ?? { status: step.status, actual: step.actual, comment: step.comment },
    [snapshot],
  );

  const change = useCallback(
    (attempt: Attempt, step: AttemptStep, changed: Partial<StepResult>, typing = false) => {
      const key = resultKey(attempt.id, step.id);
      const current = queue.valueOf(key)?.result ?? { status: step.status, actual: step.actual, comment: step.comment };
      const pending: PendingResult = {
        cycleId: attempt.cycleId,
        cycleCaseId: attempt.cycleCaseId,
        executionId: attempt.id,
        stepId: step.id,
        result: { ...current, ...changed },
      };
      queue.set(key, pending, { delayMs: typing ? TYPING_PAUSE_MS : 0 });
    },
    [queue],
  );

  return {
    resultOf,
    entryOf: (executionId, stepId) => snapshot.get(resultKey(executionId, stepId)),
    change,
    whenSaved: (executionId, stepId) => queue.whenSaved(resultKey(executionId, stepId)),
    retryNow: () => queue.retryNow(),
    discard: (executionId, stepId) => queue.discard(resultKey(executionId, stepId)),
    summary: summarize(snapshot),
    snapshot,
  };
}
