import { Group, ScrollArea, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { CycleCase, RunStatus } from '../api';
import { runPath } from '../paths';
import { RUN_STATUS, RUN_STATUSES } from '../runStatus';
import { RunStatusBadge } from '../RunStatusBadge';
import classes from './Execution.module.css';

export type AssigneeFilter = 'all' | 'mine' | 'nobody';

export interface CaseListFilter {
  status: RunStatus | null;
  assignee: AssigneeFilter;
}

/** The cases a filter keeps, in the cycle's order. */
export function filterCases(cases: readonly CycleCase[], filter: CaseListFilter, myId: number): CycleCase[] {
  return cases.filter(
    (item) =>
      (filter.status === null || item.status === filter.status) &&
      (filter.assignee === 'all' || (filter.assignee === 'mine' ? item.assignee?.id === myId : !item.assignee)),
  );
}

interface CaseListProps {
  projectId: number;
  cycleId: number;
  cases: readonly CycleCase[];
  shown: readonly CycleCase[];
  currentId: number;
  filter: CaseListFilter;
  onFilter: (filter: CaseListFilter) => void;
  /** How tall the list may grow before it scrolls. */
  maxHeight?: string;
  /** A case was picked (the drawer of a narrow screen closes). */
  onPick?: () => void;
}

/** The side list of the execution screen (a drawer on a narrow screen): the cycle's cases, filtered by status and by who has them. */
export function CaseList({ projectId, cycleId, cases, shown, currentId, filter, onFilter, maxHeight = 'calc(100vh - 320px)', onPick }: CaseListProps) {
  return (
    <Stack gap="xs">
      <SegmentedControl
        size="xs"
        fullWidth
        aria-label="Whose cases"
        data={[
          { value: 'all', label: 'All' },
          { value: 'mine', label: 'Mine' },
          { value: 'nobody', label: 'Unassigned' },
        ]}
        value={filter.assignee}
        onChange={(value) => onFilter({ ...filter, assignee: value as AssigneeFilter })}
      />
      <Select
        size="xs"
        label="Status"
        placeholder="Any status"
        clearable
        data={RUN_STATUSES.map((status) => ({ value: status, label: RUN_STATUS[status].label }))}
        value={filter.status}
        onChange={(value) => onFilter({ ...filter, status: value as RunStatus | null })}
      />
      <Text size="xs" c="dimmed" aria-live="polite">
        {shown.length === cases.length ? `${cases.length} cases` : `${shown.length} of ${cases.length} cases`}
      </Text>
      <nav aria-label="Cases of the cycle">
        <ScrollArea.Autosize mah={maxHeight} type="auto">
          <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {shown.map((item) => (
              <li key={item.id}>
                <Link
                  to={runPath(projectId, cycleId, item.id)}
                  className={classes.caseLink}
                  aria-current={item.id === currentId ? 'page' : undefined}
                  onClick={onPick}
                >
                  <Group gap={6} wrap="nowrap" justify="space-between">
                    <Text size="sm" fw={600} span>
                      {item.key}
                    </Text>
                    <RunStatusBadge status={item.status} size="xs" />
                  </Group>
                  <Text size="xs" lineClamp={2}>
                    {item.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {item.assignee?.name ?? 'Unassigned'}
                  </Text>
                </Link>
              </li>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </nav>
    </Stack>
  );
}
