import { Button, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Modal } from '../../../components/dialogs';
import { showApiError } from '../../../lib/forms/showApiError';
import { CreateIssueDialog, JiraStatusBadge, type Issue } from '../../issues';
import type { Project } from '../../projects';
import { cycleKey, cycleQuery, cyclesKey, getDefectDraft, linkDefect, sendEvidenceToDefect, type Attempt, type AttemptStep, type Defect, type DefectDraft } from '../api';
import type { StepResults } from './useStepResults';

/** What a defect is raised from: a failed step, or (for an automated result) the run itself. */
type Source = AttemptStep | null;

/** The key {@link DefectRaising.preparing} names the run by. */
export const THE_RUN = 'run';

interface Raising {
  step: Source;
  draft: DefectDraft;
  /** Known defects were offered and the tester chose to write a new one anyway. */
  creating: boolean;
}

interface LinkRequest {
  issue: { instanceId: number; jiraKey: string };
  step: Source;
  attachFiles: boolean;
}

export interface DefectRaising {
  /** Saves the step's result (if from a step), writes the defect, and opens "Create Jira defect" (or first offers the known defects). */
  start: (step: Source) => void;
  /** The step whose defect is being written, {@link THE_RUN} for the run, or null. */
  preparing: string | null;
  dialog: ReactNode;
}

const sourceKey = (step: Source) => step?.id ?? THE_RUN;

/**
 * "Create Jira defect" from a failed step or a failed automated result: the Issue module's dialog,
 * prefilled with what the server writes from the run (summary; steps, expected and actual, or the
 * failure and its stack trace; build, environment, a link back) in the project's default Jira
 * instance and project, and the cycle's build and environment in the empty fields of the issue type
 * that ask for them ("Found in build", Jira's Environment, a multi-line "Steps to reproduce").
 * A Bug when the Jira project has that type. Created as the tester (the first Jira call may ask to
 * authenticate, then goes on); then linked to the attempt (and the step; Jira gets a link back),
 * and, if asked, the step's files are attached to the Jira issue too.
 *
 * When the test already has an open defect (one carried from its previous failure by an import, or
 * on the failing attempt before this one), that defect is offered first: a test that keeps failing
 * should not get a new defect on every run.
 */
export function useRaiseDefect(project: Project, attempt: Attempt, results: StepResults): DefectRaising {
  const queryClient = useQueryClient();
  const [raising, setRaising] = useState<Raising | null>(null);
  const [preparing, setPreparing] = useState<string | null>(null);
  const [attachFiles, setAttachFiles] = useState(true);
  // The execution screen has read the cycle already.
  const cycle = useQuery(cycleQuery(attempt.cycleId));

  const link = useMutation({
    mutationFn: async ({ issue, step, attachFiles: attach }: LinkRequest) => {
      const defect = await linkDefect(attempt.cycleId, attempt.id, { instanceId: issue.instanceId, key: issue.jiraKey, ...(step ? { stepId: step.id } : {}) });
      if (!attach || !step || step.attachments.length === 0) return { defect, sent: null, evidenceError: null };
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
      notifications.show({ color: 'green', message: `Linked ${defect.key} to ${step ? `step ${step.number} of ` : ''}${attempt.key}.${files}` });
      if (evidenceError) showApiError(evidenceError, `Could not attach the files of step ${step?.number ?? ''} to ${defect.key}`);
    },
    // The issue is in Jira already: "Link issue" with its key links it later.
    onError: (error, { issue }) => showApiError(error, `${issue.jiraKey} is in Jira, but could not be linked to this run`),
  });

  const start = (step: Source) => {
    if (preparing) return;
    setPreparing(sourceKey(step));
    // The defect is written from the saved result: what was just typed must be on the server first.
    void (step ? results.whenSaved(attempt.id, step.id) : Promise.resolve())
      .then(() => getDefectDraft(attempt.cycleId, attempt.id, step?.id ?? null))
      .then((draft) => {
        setAttachFiles(true);
        setRaising({ step, draft, creating: draft.knownDefects.length === 0 });
      })
      .catch((error: unknown) => showApiError(error, 'Could not write the defect'))
      .finally(() => setPreparing(null));
  };

  const linkedHere = (defect: Defect) => attempt.defects.some((mine) => mine.instanceId === defect.instanceId && mine.key === defect.key);
  const from = raising?.step ? `step ${raising.step.number}` : attempt.key;

  const dialog =
    raising &&
    (raising.creating ? (
      <CreateIssueDialog
        project={project}
        title={`Create Jira defect from ${from}`}
        initialValues={{ summary: raising.draft.summary, description: raising.draft.description }}
        fieldHints={{ build: cycle.data?.build, environment: cycle.data?.environment, steps: raising.draft.stepsToReproduce }}
        extra={
          raising.step &&
          raising.step.attachments.length > 0 && (
            <Checkbox
              label={`Attach this step's files in Jira (${raising.step.attachments.map((file) => file.filename).join(', ')})`}
              checked={attachFiles}
              onChange={(event) => setAttachFiles(event.currentTarget.checked)}
            />
          )
        }
        onCreated={(issue: Issue) => {
          if (issue.jiraKey) link.mutate({ issue: { instanceId: issue.instanceId, jiraKey: issue.jiraKey }, step: raising.step, attachFiles });
        }}
        onClose={() => setRaising(null)}
      />
    ) : (
      <Modal opened onClose={() => setRaising(null)} title={`Known defect of ${attempt.key}`}>
        <Stack>
          <Text size="sm">
            {raising.draft.knownDefects.length === 1 ? 'This test already has an open defect' : 'This test already has open defects'} from its
            previous failure. Link it rather than raise the same defect again?
          </Text>
          {raising.draft.knownDefects.map((defect) => {
            const name = `${defect.key} ${defect.summary ?? ''}`.trim();
            // Only the defect being linked spins; the others wait for it.
            const linkingThis = link.isPending && link.variables?.issue.instanceId === defect.instanceId && link.variables.issue.jiraKey === defect.key;
            // A group, not an alert: the offer is read when the dialog opens, not announced defect by defect.
            return (
              <Paper key={defect.id} withBorder p="sm" role="group" aria-label={name}>
                <Text size="sm" fw={600} mb="xs">
                  {name}
                </Text>
                <Group justify="space-between" gap="xs">
                  <Group gap="xs">
                    <JiraStatusBadge status={defect.status} />
                    <Text size="sm">{defect.assignee ?? 'Unassigned'}</Text>
                  </Group>
                  {linkedHere(defect) ? (
                    <Text size="sm" c="dimmed">
                      Linked to this run
                    </Text>
                  ) : (
                    <Button
                      size="xs"
                      loading={linkingThis}
                      disabled={link.isPending && !linkingThis}
                      onClick={() =>
                        link.mutate(
                          { issue: { instanceId: defect.instanceId, jiraKey: defect.key }, step: raising.step, attachFiles: false },
                          { onSuccess: () => setRaising(null) },
                        )
                      }
                    >
                      Link {defect.key}
                    </Button>
                  )}
                </Group>
              </Paper>
            );
          })}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRaising(null)} data-autofocus>
              Cancel
            </Button>
            <Button variant="light" color="red" onClick={() => setRaising({ ...raising, creating: true })}>
              Create a new defect anyway
            </Button>
          </Group>
        </Stack>
      </Modal>
    ));

  const linking = link.isPending && link.variables ? sourceKey(link.variables.step) : null;
  return { start, preparing: preparing ?? linking, dialog };
}
