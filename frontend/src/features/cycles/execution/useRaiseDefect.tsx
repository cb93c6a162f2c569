import { Checkbox } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { showApiError } from '../../../lib/forms/showApiError';
import { CreateIssueDialog, type Issue } from '../../issues';
import type { Project } from '../../projects';
import { cycleKey, cycleQuery, cyclesKey, getDefectDraft, linkDefect, sendEvidenceToDefect, type Attempt, type AttemptStep } from '../api';
import type { StepResults } from './useStepResults';

interface Raising {
  step: AttemptStep;
  draft: { summary: string; description: string; stepsToReproduce: string };
}

interface LinkRequest {
  issue: Issue & { jiraKey: string };
  step: AttemptStep;
  attachFiles: boolean;
}

export interface DefectRaising {
  /** Saves the step's result, writes the defect from it, and opens "Create Jira defect". */
  start: (step: AttemptStep) => void;
  /** The step whose defect is being written. */
  preparingStepId: string | null;
  dialog: ReactNode;
}

/**
 * "Create Jira defect" from a failed step: the Issue module's dialog, prefilled with what the
 * server writes from the run (summary; steps, expected and actual, build, environment, a link
 * back) in the project's default Jira instance and project, and the cycle's build and environment
 * in the empty fields of the issue type that ask for them ("Found in build", Jira's Environment,
 * a multi-line "Steps to reproduce").
 * A Bug when the Jira project has that type. Created as the tester (the first Jira
 * call may ask to authenticate, then goes on); then linked to the attempt and the step (Jira gets
 * a link back), and, if asked, the step's files are attached to the Jira issue too.
 */
export function useRaiseDefect(project: Project, attempt: Attempt, results: StepResults): DefectRaising {
  const queryClient = useQueryClient();
  const [raising, setRaising] = useState<Raising | null>(null);
  const [preparingStepId, setPreparing] = useState<string | null>(null);
  const [attachFiles, setAttachFiles] = useState(true);
  // The execution screen has read the cycle already.
  const cycle = useQuery(cycleQuery(attempt.cycleId));

  const link = useMutation({
    mutationFn: async ({ issue, step, attachFiles: attach }: LinkRequest) => {
      const defect = await linkDefect(attempt.cycleId, attempt.id, { instanceId: issue.instanceId, key: issue.jiraKey, stepId: step.id });
      if (!attach || step.attachments.length === 0) return { defect, sent: null, evidenceError: null };
      try {
        return { defect, sent: (await sendEvidenceToDefect(attempt.cycleId, defect.id)).sent, evidenceError: null };
      } catch (error) {
        return { defect, sent: null, evidenceError: error };
      }
    },
    onSuccess: ({ defect, sent, evidenceError }, { step }) => {
      void queryClient.invalidateQueries({ queryKey: cycleKey(attempt.cycleId) });
      void queryClient.invalidateQueries({ queryKey: cyclesKey(project.id) });
      const files = sent && sent.length > 0 ? ` Attached ${sent.join(', ')} in Jira.` : '';
      notifications.show({ color: 'green', message: `Linked ${defect.key} to step ${step.number} of ${attempt.key}.${files}` });
      if (evidenceError) showApiError(evidenceError, `Could not attach the files of step ${step.number} to ${defect.key}`);
    },
    // The issue is in Jira already: "Link issue" with its key links it later.
    onError: (error, { issue }) => showApiError(error, `${issue.jiraKey} is in Jira, but could not be linked to this run`),
  });

  const start = (step: AttemptStep) => {
    if (preparingStepId) return;
    setPreparing(step.id);
    // The defect is written from the saved result: what was just typed must be on the server first.
    void results
      .whenSaved(attempt.id, step.id)
      .then(() => getDefectDraft(attempt.cycleId, attempt.id, step.id))
      .then((draft) => {
        setAttachFiles(true);
        setRaising({ step, draft });
      })
      .catch((error: unknown) => showApiError(error, 'Could not write the defect'))
      .finally(() => setPreparing(null));
  };

  const dialog = raising && (
    <CreateIssueDialog
      project={project}
      title={`Create Jira defect from step ${raising.step.number}`}
      initialValues={{ summary: raising.draft.summary, description: raising.draft.description }}
      fieldHints={{ build: cycle.data?.build, environment: cycle.data?.environment, steps: raising.draft.stepsToReproduce }}
      extra={
        raising.step.attachments.length > 0 && (
          <Checkbox
            label={`Attach this step's files in Jira (${raising.step.attachments.map((file) => file.filename).join(', ')})`}
            checked={attachFiles}
            onChange={(event) => setAttachFiles(event.currentTarget.checked)}
          />
        )
      }
      onCreated={(issue) => {
        if (issue.jiraKey) link.mutate({ issue: { ...issue, jiraKey: issue.jiraKey }, step: raising.step, attachFiles });
      }}
      onClose={() => setRaising(null)}
    />
  );

  return { start, preparingStepId: preparingStepId ?? (link.isPending ? (link.variables?.step.id ?? null) : null), dialog };
}
