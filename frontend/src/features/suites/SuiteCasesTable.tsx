import { ActionIcon, Anchor, Badge, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { StatusBadge } from '../../components/CaseBadges';
import { TrashIcon } from '../../components/icons';
import { showApiError } from '../../lib/forms/showApiError';
import { useSession } from '../auth';
import { casePath } from '../projects';
import { removeSuiteCase, reorderSuiteCases, suiteQuery, suitesQuery, type SuiteCase, type SuiteDetail } from './api';

type RowControl = 'key' | 'up' | 'down';

/**
 * The suite's cases in their order. With the right to change the suite: up and down buttons, or
 * Alt+↑ / Alt+↓ anywhere in a row (focus follows the row), and Remove.
 */
export function SuiteCasesTable({ suite, canModify }: { suite: SuiteDetail; canModify: boolean }) {
  const { can } = useSession();
  const queryClient = useQueryClient();
  const rows = useRef(new Map<number, HTMLTableRowElement>());
  const focusAfterMove = useRef<{ caseId: number; control: RowControl } | null>(null);
  const [announcement, setAnnouncement] = useState('');

  useLayoutEffect(() => {
    const target = focusAfterMove.current;
    if (!target) return;
    focusAfterMove.current = null;
    const row = rows.current.get(target.caseId);
    const control = row?.querySelector<HTMLElement>(`[data-control="${target.control}"]:not([disabled])`);
    (control ?? row?.querySelector<HTMLElement>('[data-control="key"]'))?.focus();
  });

  const reorder = useMutation({
    mutationFn: (caseIds: number[]) => reorderSuiteCases(suite.id, caseIds),
    // One after the other, so that the server ends with the last order asked for.
    scope: { id: `suite-${suite.id}-order` },
    onError: (error) => {
      showApiError(error, 'Could not change the order');
      void queryClient.invalidateQueries({ queryKey: suiteQuery(suite.id).queryKey });
    },
  });
  const remove = useMutation({
    mutationFn: (testCase: SuiteCase) => removeSuiteCase(suite.id, testCase.id),
    onSuccess: (_, testCase) => {
      void queryClient.invalidateQueries({ queryKey: suiteQuery(suite.id).queryKey });
      void queryClient.invalidateQueries({ queryKey: suitesQuery(suite.projectId).queryKey });
      void queryClient.invalidateQueries({ queryKey: ['cases', testCase.id] });
      notifications.show({ color: 'green', message: `Removed ${testCase.key} from ${suite.name}.` });
    },
    onError: (error) => showApiError(error, 'Could not remove the case'),
  });

  const move = (index: number, offset: -1 | 1, control: RowControl) => {
    const target = index + offset;
    if (target < 0 || target >= suite.cases.length) return;
    const cases = [...suite.cases];
    [cases[index], cases[target]] = [cases[target]!, cases[index]!];
    // Shown at once; the server is told in the background.
    queryClient.setQueryData(suiteQuery(suite.id).queryKey, { ...suite, cases });
    focusAfterMove.current = { caseId: suite.cases[index]!.id, control };
    setAnnouncement(`${suite.cases[index]!.key} moved to position ${target + 1}.`);
    reorder.mutate(cases.map((testCase) => testCase.id));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number) => {
    if (!canModify || !event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    const control = (event.target as HTMLElement).dataset.control as RowControl | undefined;
    move(index, event.key === 'ArrowUp' ? -1 : 1, control ?? 'key');
  };

  return (
    <>
      <Table striped aria-label="Test cases">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={50}>#</Table.Th>
            <Table.Th w={140}>Key</Table.Th>
            <Table.Th>Title</Table.Th>
            <Table.Th w={120}>Status</Table.Th>
            <Table.Th w={90}>Steps</Table.Th>
            {canModify && (
              <Table.Th w={120}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {suite.cases.map((testCase, index) => (
            <Table.Tr
              key={testCase.id}
              ref={(row) => {
                if (row) rows.current.set(testCase.id, row);
                else rows.current.delete(testCase.id);
              }}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              <Table.Td>{index + 1}</Table.Td>
              <Table.Td>
                {can('CASES_VIEW') ? (
                  <Anchor component={Link} to={casePath(suite.projectId, testCase.id)} size="sm" fw={600} data-control="key">
                    {testCase.key}
                  </Anchor>
                ) : (
                  <Text size="sm" data-control="key" tabIndex={canModify ? 0 : undefined}>
                    {testCase.key}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Text size="sm">{testCase.title}</Text>
                  {testCase.archived && (
                    <Badge size="xs" variant="outline" color="gray">
                      archived
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={testCase.status} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{testCase.stepCount === 1 ? '1 step' : `${testCase.stepCount} steps`}</Text>
              </Table.Td>
              {canModify && (
                <Table.Td>
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon variant="subtle" color="gray" aria-label={`Move ${testCase.key} up`} data-control="up" disabled={index === 0} onClick={() => move(index, -1, 'up')}>
                      <span aria-hidden>↑</span>
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`Move ${testCase.key} down`}
                      data-control="down"
                      disabled={index === suite.cases.length - 1}
                      onClick={() => move(index, 1, 'down')}
                    >
                      <span aria-hidden>↓</span>
                    </ActionIcon>
                    <ActionIcon variant="subtle" color="red" aria-label={`Remove ${testCase.key} from the suite`} onClick={() => remove.mutate(testCase)}>
                      <TrashIcon size={16} />
                    </ActionIcon>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canModify && (
        <Text size="xs" c="dimmed">
          Alt+↑ / Alt+↓ in a row moves its case.
        </Text>
      )}
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
    </>
  );
}
