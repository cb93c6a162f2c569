import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ExternalLinkIcon } from '../../components/icons';
import { HiddenHeader } from '../../components/HiddenHeader';
import { formatDateTime } from '../../lib/format';
import { showApiError } from '../../lib/forms/showApiError';
import { JiraStatusBadge } from '../issues';
import { cycleKey, cyclesKey, sendEvidenceToDefect, unlinkDefect, type Defect } from './api';
import { runPath } from './paths';

// Never narrower than what it holds.
const WHOLE = { display: 'inline-block', minWidth: 'max-content' } as const;

interface DefectsTableProps {
  projectId: number;
  cycleId: number;
  defects: readonly Defect[];
  canExecute: boolean;
  /** The cycle's list names each defect's case (a link to its run); an attempt's names its step instead. */
  showCase?: boolean;
  /** Step numbers by step id, to say which step raised a defect. */
  stepNumbers?: ReadonlyMap<string, number>;
  label: string;
}

/**
 * Defects (Jira issues) linked to runs: key (to Jira), summary, their live status and assignee as
 * the server last read them from Jira; the evidence sent to Jira; unlink (the Jira issue stays).
 */
export function DefectsTable({ projectId, cycleId, defects, canExecute, showCase = false, stepNumbers, label }: DefectsTableProps) {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: cycleKey(cycleId) });
    void queryClient.invalidateQueries({ queryKey: cyclesKey(projectId) });
  };
  const unlink = useMutation({
    mutationFn: (defect: Defect) => unlinkDefect(cycleId, defect.id),
    onSuccess: (_, defect) => {
      refresh();
      notifications.show({ color: 'green', message: `Unlinked ${defect.key}; the issue stays in Jira.` });
    },
    onError: (error) => showApiError(error, 'Could not unlink the defect'),
  });
  const sendEvidence = useMutation({
    mutationFn: (defect: Defect) => sendEvidenceToDefect(cycleId, defect.id),
    onSuccess: (sent, defect) => {
      refresh();
      notifications.show({
        color: 'green',
        message:
          sent.sent.length === 0
            ? `${defect.key} has every file of its step already.`
            : `Attached ${sent.sent.join(', ')} to ${defect.key} in Jira.`,
      });
    },
    onError: (error) => showApiError(error, 'Could not attach the files in Jira'),
  });

  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>Key</Table.Th>
            <Table.Th>Summary</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Assignee</Table.Th>
            <Table.Th>{showCase ? 'Raised in' : 'Step'}</Table.Th>
            <Table.Th>Files in Jira</Table.Th>
            {canExecute && (
              <HiddenHeader>Actions</HiddenHeader>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {defects.map((defect) => {
            const step = defect.stepId ? stepNumbers?.get(defect.stepId) : undefined;
            return (
              <Table.Tr key={defect.id}>
                <Table.Td>
                  {defect.url ? (
                    <Anchor href={defect.url} target="_blank" rel="noopener noreferrer" size="sm" fw={600}>
                      <Group gap={4} wrap="nowrap" component="span">
                        {defect.key}
                        <ExternalLinkIcon size={14} />
                      </Group>
                    </Anchor>
                  ) : (
                    <Text size="sm" fw={600}>
                      {defect.key}
                    </Text>
                  )}
                  {defect.known && (
                    <Badge color="gray" variant="outline" size="xs" tt="none" ml={4} title="Carried over from the test's previous failure by a results import">
                      known
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={defect.notFound ? 'dimmed' : undefined}>
                    {defect.summary ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td title={defect.checkedAt ? `Read from Jira ${formatDateTime(defect.checkedAt)}` : undefined}>
                  {/* A badge cuts its label to fit; a narrow column would leave "To …" of "To Do". */}
                  <span style={WHOLE}>
                    {defect.notFound ? (
                      <Badge color="gray" variant="light" tt="none">
                        not found in Jira
                      </Badge>
                    ) : (
                      <JiraStatusBadge status={defect.status} />
                    )}
                  </span>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{defect.notFound ? '—' : (defect.assignee ?? 'Unassigned')}</Text>
                </Table.Td>
                <Table.Td>
                  {showCase ? (
                    <Anchor component={Link} to={runPath(projectId, cycleId, defect.cycleCaseId)} size="sm">
                      {defect.caseKey}
                      {defect.attempt > 1 ? ` (attempt ${defect.attempt})` : ''}
                    </Anchor>
                  ) : (
                    <Text size="sm" style={{ whiteSpace: step !== undefined ? 'nowrap' : undefined }}>
                      {step !== undefined ? `Step ${step}` : 'The whole run'}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{defect.evidenceInJira ?? 0}</Text>
                </Table.Td>
                {canExecute && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap" justify="flex-end">
                      {!showCase && !defect.notFound && (
                        <Button
                          size="xs"
                          variant="light"
                          aria-label={`Attach files of its step to ${defect.key} in Jira`}
                          loading={sendEvidence.isPending && sendEvidence.variables === defect}
                          onClick={() => sendEvidence.mutate(defect)}
                        >
                          Attach files
                        </Button>
                      )}
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={`Unlink ${defect.key}`}
                        loading={unlink.isPending && unlink.variables === defect}
                        onClick={() => unlink.mutate(defect)}
                      >
                        Unlink
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
