import { Anchor, Button, Checkbox, Group, Paper, Select, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { HiddenHeader } from '../../components/HiddenHeader';
import { showApiError } from '../../lib/forms/showApiError';
import { useSession } from '../auth';
import { peopleQuery } from '../cases';
import { casePath } from '../projects';
import { assignCycleCases, cycleKey, cyclesKey, removeCycleCase, type Cycle, type CycleCase } from './api';
import { runPath } from './paths';
import { RunStatusBadge } from './RunStatusBadge';
import { OUTCOME } from './automation';
import { TrendBadge } from './TrendBadge';
import { formatTestDuration } from '../../lib/format';

const NOBODY = 'nobody';

interface CycleCasesTableProps {
  projectId: number;
  cycle: Cycle;
  cases: readonly CycleCase[];
  canModify: boolean;
}

/** The cycle's cases in order; with the right to modify, select some to assign them, or remove one. */
export function CycleCasesTable({ projectId, cycle, cases, canModify }: CycleCasesTableProps) {
  const queryClient = useQueryClient();
  const { can } = useSession();
  const canViewCases = can('CASES_VIEW');
  const people = useQuery({ ...peopleQuery, enabled: canModify });
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [assignee, setAssignee] = useState<string | null>(null);
  const [assigneeError, setAssigneeError] = useState<string | null>(null);
  const present = new Set(cases.map((item) => item.id));
  const chosen = [...selected].filter((id) => present.has(id));
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: cycleKey(cycle.id) });
    void queryClient.invalidateQueries({ queryKey: cyclesKey(projectId) });
  };

  const assign = useMutation({
    mutationFn: ({ ids, to }: { ids: number[]; to: number | null }) => assignCycleCases(cycle.id, ids, to),
    onSuccess: (_, { ids, to }) => {
      refresh();
      setSelected(new Set());
      const name = to === null ? 'nobody' : (people.data?.find((person) => person.id === to)?.displayName ?? 'them');
      notifications.show({ color: 'green', message: `Assigned ${ids.length} ${ids.length === 1 ? 'case' : 'cases'} to ${name}.` });
    },
    onError: (error) => showApiError(error, 'Could not assign the cases'),
  });
  const remove = useMutation({
    mutationFn: (item: CycleCase) => removeCycleCase(cycle.id, item.id),
    onSuccess: (_, item) => {
      refresh();
      notifications.show({ color: 'green', message: `Took ${item.key} out of ${cycle.name}.` });
    },
    // A case with results cannot be removed (its button says so); should it get results meanwhile, the server says so.
    onError: (error, item) => showApiError(error, `Could not remove ${item.key}`),
  });

  const toggle = (id: number, checked: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  const allSelected = chosen.length === cases.length;
  // A column for what CI reported, once any case of the cycle has an automated result.
  const automated = cases.some((item) => item.outcome);

  return (
    <>
      {canModify && (
        <Paper withBorder p="xs">
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (assignee === null) {
                setAssigneeError('Choose a person');
                return;
              }
              assign.mutate({ ids: chosen, to: assignee === NOBODY ? null : Number(assignee) });
            }}
          >
            <Group align="flex-end" gap="sm">
              <Text size="sm" aria-live="polite" style={{ alignSelf: 'center' }}>
                {chosen.length === 0 ? 'Select cases to assign them' : `${chosen.length} selected`}
              </Text>
              <Select
                label="Assign to"
                placeholder={people.isPending ? 'Loading…' : 'Choose a person'}
                data={[
                  { value: NOBODY, label: 'Nobody' },
                  ...(people.data ?? []).map((person) => ({ value: String(person.id), label: `${person.displayName} (${person.username})` })),
                ]}
                value={assignee}
                onChange={(value) => {
                  setAssignee(value);
                  setAssigneeError(null);
                }}
                error={assigneeError}
                searchable
                disabled={chosen.length === 0}
              />
              <Button type="submit" disabled={chosen.length === 0} loading={assign.isPending}>
                Assign
              </Button>
            </Group>
          </form>
        </Paper>
      )}
      <Table.ScrollContainer minWidth={820}>
        <Table striped highlightOnHover aria-label="Cases of the cycle">
          <Table.Thead>
            <Table.Tr>
              {canModify && (
                <Table.Th w={40}>
                  <Checkbox
                    aria-label="Select every case"
                    checked={cases.length > 0 && allSelected}
                    indeterminate={chosen.length > 0 && !allSelected}
                    onChange={(event) => setSelected(event.currentTarget.checked ? new Set(cases.map((item) => item.id)) : new Set())}
                  />
                </Table.Th>
              )}
              <Table.Th w={120}>Key</Table.Th>
              <Table.Th>Title</Table.Th>
              <Table.Th w={80}>Version</Table.Th>
              <Table.Th>Assignee</Table.Th>
              <Table.Th w={120}>Status</Table.Th>
              {automated && <Table.Th w={150}>Automated</Table.Th>}
              <Table.Th w={90}>Attempts</Table.Th>
              <HiddenHeader>Actions</HiddenHeader>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cases.map((item) => (
              <Table.Tr key={item.id}>
                {canModify && (
                  <Table.Td>
                    <Checkbox aria-label={`Select ${item.key}`} checked={selected.has(item.id)} onChange={(event) => toggle(item.id, event.currentTarget.checked)} />
                  </Table.Td>
                )}
                <Table.Td>
                  {/* The case in the repository (as it is now; the cycle runs the version beside it). */}
                  {canViewCases ? (
                    <Anchor component={Link} to={casePath(projectId, item.caseId)} size="sm" fw={600}>
                      {item.key}
                    </Anchor>
                  ) : (
                    <Text size="sm" fw={600}>
                      {item.key}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{item.title}</Text>
                </Table.Td>
                <Table.Td>{item.version}</Table.Td>
                <Table.Td>
                  <Text size="sm" c={item.assignee ? undefined : 'dimmed'}>
                    {item.assignee?.name ?? 'Unassigned'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RunStatusBadge status={item.status} />
                </Table.Td>
                {automated && (
                  <Table.Td>
                    {item.outcome ? (
                      <Group gap={6} wrap="nowrap">
                        {item.trend && <TrendBadge trend={item.trend} />}
                        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                          {item.durationMs !== null && item.durationMs !== undefined ? formatTestDuration(item.durationMs) : OUTCOME[item.outcome]}
                        </Text>
                      </Group>
                    ) : (
                      <Text size="xs" c="dimmed">
                        manual
                      </Text>
                    )}
                  </Table.Td>
                )}
                <Table.Td>
                  {/* Every case starts with an attempt 1; until something is recorded in it, there is nothing to count. */}
                  {item.hasResults || item.attempts > 1 ? (
                    item.attempts
                  ) : (
                    <>
                      <span aria-hidden="true">–</span>
                      <VisuallyHidden>none yet</VisuallyHidden>
                    </>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap" justify="flex-end">
                    <Anchor component={Link} to={runPath(projectId, cycle.id, item.id)} size="sm" aria-label={`Run ${item.key}`}>
                      Run
                    </Anchor>
                    {canModify &&
                      (item.hasResults ? (
                        // Kept focusable (aria-disabled, not disabled) so that keyboard and screen reader users meet the reason too.
                        <Tooltip label={`${item.key} has results in this cycle, so it stays`}>
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={`Remove ${item.key} from the cycle`}
                            aria-describedby={`cycle-case-${item.id}-kept`}
                            aria-disabled
                            data-disabled
                            onClick={(event) => event.preventDefault()}
                          >
                            Remove
                          </Button>
                        </Tooltip>
                      ) : (
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={`Remove ${item.key} from the cycle`}
                          loading={remove.isPending && remove.variables === item}
                          onClick={() => remove.mutate(item)}
                        >
                          Remove
                        </Button>
                      ))}
                    {canModify && item.hasResults && (
                      <Text id={`cycle-case-${item.id}-kept`} size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        has results
                      </Text>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
