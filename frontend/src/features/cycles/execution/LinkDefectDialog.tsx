import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isJiraAuthRequired } from '../../../api/ApiError';
import { Modal } from '../../../components/dialogs';
import { describeError } from '../../../lib/forms/showApiError';
import { JiraIssueFinder, NeedsJiraAccount, useJiraInstanceChoice, type JiraIssueSummary } from '../../issues';
import type { Project } from '../../projects';
import { cycleKey, linkDefect, type Attempt, type AttemptStep } from '../api';

interface LinkDefectDialogProps {
  project: Project;
  attempt: Attempt;
  /** The step the issue is about; none for the run as a whole. */
  step: AttemptStep | null;
  onClose: () => void;
}

/**
 * "Link issue": an existing Jira issue, found by its key or by text (as the tester), linked to the
 * attempt (and a step); Jira gets a link back to the run.
 */
export function LinkDefectDialog({ project, attempt, step, onClose }: LinkDefectDialogProps) {
  const queryClient = useQueryClient();
  const { instanceId, choose } = useJiraInstanceChoice(project.defaultInstanceId);
  const linkedKeys = new Set(attempt.defects.filter((defect) => defect.instanceId === instanceId).map((defect) => defect.key));

  const link = useMutation({
    mutationFn: (issue: JiraIssueSummary) => linkDefect(attempt.cycleId, attempt.id, { instanceId: instanceId ?? 0, key: issue.key, ...(step ? { stepId: step.id } : {}) }),
    onSuccess: (defect) => {
      void queryClient.invalidateQueries({ queryKey: cycleKey(attempt.cycleId) });
      notifications.show({ color: 'green', message: `Linked ${defect.key} to ${step ? `step ${step.number} of ` : ''}${attempt.key}.` });
      onClose();
    },
  });

  return (
    <Modal opened onClose={onClose} title={step ? `Link a Jira issue to step ${step.number}` : `Link a Jira issue to ${attempt.key}`} size="xl">
      <Stack>
        <JiraIssueFinder
          project={project}
          instanceId={instanceId}
          onInstanceChange={choose}
          linkedKeys={linkedKeys}
          action={{
            header: 'Actions',
            first: false,
            render: (issue, linked) =>
              linked ? null : (
                <Button size="xs" aria-label={`Link ${issue.key}`} loading={link.isPending && link.variables === issue} onClick={() => link.mutate(issue)}>
                  Link
                </Button>
              ),
          }}
        />
        {link.isError &&
          (isJiraAuthRequired(link.error) && instanceId !== undefined && link.variables ? (
            <NeedsJiraAccount
              error={link.error}
              instanceId={instanceId}
              actionLabel="Authenticate and link"
              onAuthenticated={() => link.variables && link.mutate(link.variables)}
            />
          ) : (
            <Alert color="red" role="alert" title="Could not link the issue">
              {describeError(link.error)}
            </Alert>
          ))}
        <Group justify="flex-end">
          <Text size="sm" c="dimmed" style={{ flex: 1 }}>
            Jira gets a link back to this run.
          </Text>
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
