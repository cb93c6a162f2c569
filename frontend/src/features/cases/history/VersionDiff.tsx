import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { LoadFailure, LoadingState } from '../../../components/PageStates';
import { diffQuery, type StepChange } from '../api/history';
import { foldersQuery } from '../api/folders';
import { peopleQuery } from '../api/people';
import type { Step } from '../api/types';
import { countOf } from '../caseFields';
import { STEP_FIELD_LABELS, STEP_FIELDS } from '../editor/steps';
import { fieldLabel, fieldValueText } from './diffText';

const CHANGE_COLORS = { added: 'green', removed: 'red', changed: 'blue', moved: 'grape', unchanged: 'gray' } as const;
const CHANGE_LABELS = { added: 'Added', removed: 'Removed', changed: 'Changed', moved: 'Moved', unchanged: 'Unchanged' } as const;

/** What changed between two versions of a case: fields before and after, and each step that was added, removed, changed or moved. */
export function VersionDiff({ caseId, projectId, version, against }: { caseId: number; projectId: number; version: number; against: number }) {
  const diff = useQuery(diffQuery(caseId, version, against));
  const people = useQuery(peopleQuery);
  const folders = useQuery(foldersQuery(projectId));
  const names = { people: people.data ?? [], folders: folders.data ?? [] };

  if (diff.isPending) return <LoadingState />;
  if (diff.isError) return <LoadFailure error={diff.error} onRetry={() => void diff.refetch()} />;
  const { fields, steps } = diff.data;
  const changedSteps = steps.filter((step) => step.change !== 'unchanged');
  const unchanged = steps.length - changedSteps.length;

  return (
    <Stack gap="md" component="section" aria-labelledby="diff-heading">
      <Title order={3} size="h4" id="diff-heading">
        Changes from version {against} to version {version}
      </Title>
      {fields.length === 0 && changedSteps.length === 0 && <Text size="sm">No differences.</Text>}
      {fields.length > 0 && (
        <BeforeAfterTable
          label="Changed fields"
          rows={fields.map((change) => ({
            key: change.field,
            name: fieldLabel(change.field),
            before: fieldValueText(change.field, change.before, names),
            after: fieldValueText(change.field, change.after, names),
          }))}
        />
      )}
      {changedSteps.length > 0 && (
        <Stack gap="xs">
          <Title order={4} size="h5">
            Steps
          </Title>
          <ol aria-label="Changed steps" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }}>
            {changedSteps.map((step) => (
              <li key={step.id}>
                <StepChangeCard step={step} />
              </li>
            ))}
          </ol>
        </Stack>
      )}
      {unchanged > 0 && changedSteps.length + fields.length > 0 && (
        <Text size="xs" c="dimmed">
          {countOf(unchanged, 'other step')} unchanged.
        </Text>
      )}
    </Stack>
  );
}

function stepTitle({ change, number, previousNumber }: StepChange): string {
  switch (change) {
    case 'added':
      return `Step ${number}`;
    case 'removed':
      return `Step ${previousNumber} (before)`;
    case 'moved':
      return `Step ${number}, was ${previousNumber}`;
    default:
      return previousNumber !== number ? `Step ${number}, was ${previousNumber}` : `Step ${number}`;
  }
}

function StepChangeCard({ step }: { step: StepChange }) {
  return (
    <Paper withBorder p="xs" radius="sm">
      <Stack gap={4}>
        <Group gap="xs">
          <Badge color={CHANGE_COLORS[step.change]} variant="light" radius="sm">
            {CHANGE_LABELS[step.change]}
          </Badge>
          <Text size="sm" fw={600}>
            {stepTitle(step)}
          </Text>
        </Group>
        {step.change === 'changed' && step.before && step.after ? (
          <ChangedStepFields before={step.before} after={step.after} />
        ) : (
          <StepFields step={(step.after ?? step.before)!} />
        )}
      </Stack>
    </Paper>
  );
}

function StepFields({ step }: { step: Step }) {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(12rem, 1fr))', gap: 'var(--mantine-spacing-xs)' }}>
      {STEP_FIELDS.map((field) => (
        <div key={field}>
          <Text size="xs" c="dimmed">
            {STEP_FIELD_LABELS[field]}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {step[field] || '—'}
          </Text>
        </div>
      ))}
    </div>
  );
}

/** Only the fields of the step that differ, before and after. */
function ChangedStepFields({ before, after }: { before: Step; after: Step }) {
  return (
    <BeforeAfterTable
      label="Changed step fields"
      rows={STEP_FIELDS.filter((field) => before[field] !== after[field]).map((field) => ({
        key: field,
        name: STEP_FIELD_LABELS[field],
        before: before[field] || '—',
        after: after[field] || '—',
      }))}
    />
  );
}

interface BeforeAfterRow {
  key: string;
  name: string;
  before: string;
  after: string;
}

function BeforeAfterTable({ label, rows }: { label: string; rows: BeforeAfterRow[] }) {
  return (
    <Table aria-label={label} layout="fixed" withTableBorder verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={140}>Field</Table.Th>
          <Table.Th>Before</Table.Th>
          <Table.Th>After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.key}>
            <Table.Th scope="row">{row.name}</Table.Th>
            <Table.Td>
              <Text size="sm" component="del" style={{ whiteSpace: 'pre-wrap' }}>
                {row.before}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" component="ins" style={{ whiteSpace: 'pre-wrap', textDecoration: 'none' }}>
                {row.after}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
