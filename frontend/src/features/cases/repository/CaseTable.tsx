import { Anchor, Badge, Checkbox, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { formatDate, formatDateTime } from '../../../lib/format';
import { casePath } from '../../projects';
import type { CaseSummary } from '../api/types';
import { PriorityBadge, StatusBadge } from '../../../components/CaseBadges';
import { openedFromList } from '../listLocation';
import type { CaseSort, SortField } from './caseFilters';

interface CaseTableProps {
  projectId: number;
  cases: CaseSummary[];
  sort: CaseSort;
  onSort: (sort: CaseSort) => void;
  selected: ReadonlySet<number>;
  onSelect: (selected: Set<number>) => void;
  busy: boolean;
}

/** One page of cases: sortable by key, title, priority, status and updated; rows can be selected for the bulk bar. */
export function CaseTable({ projectId, cases, sort, onSort, selected, onSelect, busy }: CaseTableProps) {
  const { search } = useLocation();
  const selectedHere = cases.filter((testCase) => selected.has(testCase.id)).length;
  const toggle = (caseId: number, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(caseId);
    else next.delete(caseId);
    onSelect(next);
  };
  const header = (field: SortField, label: string) => <SortableHeader field={field} label={label} sort={sort} onSort={onSort} />;

  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover aria-label="Test cases" aria-busy={busy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox
                aria-label="Select all cases on this page"
                checked={cases.length > 0 && selectedHere === cases.length}
                indeterminate={selectedHere > 0 && selectedHere < cases.length}
                onChange={(event) => onSelect(event.currentTarget.checked ? new Set(cases.map((testCase) => testCase.id)) : new Set())}
              />
            </Table.Th>
            {header('key', 'Key')}
            {header('title', 'Title')}
            {header('priority', 'Priority')}
            {header('status', 'Status')}
            <Table.Th>Labels</Table.Th>
            <Table.Th>Owner</Table.Th>
            {header('updated', 'Updated')}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cases.map((testCase) => (
            <Table.Tr key={testCase.id} bg={selected.has(testCase.id) ? 'var(--mantine-primary-color-light)' : undefined}>
              <Table.Td>
                <Checkbox
                  aria-label={`Select ${testCase.key}`}
                  checked={selected.has(testCase.id)}
                  onChange={(event) => toggle(testCase.id, event.currentTarget.checked)}
                />
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={casePath(projectId, testCase.id)} state={openedFromList(search)} size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {testCase.key}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{testCase.title}</Text>
              </Table.Td>
              <Table.Td>
                <PriorityBadge priority={testCase.priority} />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={testCase.status} />
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {testCase.labels.map((label) => (
                    <Badge key={label} variant="outline" color="gray" radius="sm" miw="max-content">
                      {label}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{testCase.owner?.name ?? ''}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={formatDateTime(testCase.updatedAt)} style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(testCase.updatedAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

interface SortableHeaderProps {
  field: SortField;
  label: string;
  sort: CaseSort;
  onSort: (sort: CaseSort) => void;
}

/** A column header that sorts by its field, and again the other way round. */
function SortableHeader({ field, label, sort, onSort }: SortableHeaderProps) {
  const active = sort.field === field;
  return (
    <Table.Th aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <UnstyledButton
        onClick={() => onSort({ field, descending: active && !sort.descending })}
        aria-label={`Sort by ${label.toLowerCase()}`}
        fw={700}
        fz="sm"
      >
        {label}
        <span aria-hidden> {active ? (sort.descending ? '↓' : '↑') : '↕'}</span>
      </UnstyledButton>
    </Table.Th>
  );
}
