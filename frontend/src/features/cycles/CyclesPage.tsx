import { Alert, Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { HiddenHeader } from '../../components/HiddenHeader';
import { formatDayRange } from '../../lib/format';
import { useSession } from '../auth';
import { useProject } from '../projects';
import { cyclesQuery, type Cycle } from './api';
import { CopyCycleModal } from './CopyCycleModal';
import { CycleFormModal } from './CycleFormModal';
import { ImportResultsModal } from './ImportResultsModal';
import { cyclePath, runPath } from './paths';
import { RunProgressBar } from './RunProgressBar';

/** "1 Dec 2026 – 5 Dec 2026", or what there is of it. */
export function plannedDates(cycle: Pick<Cycle, 'plannedStart' | 'plannedEnd'>): string {
  return formatDayRange(cycle.plannedStart, cycle.plannedEnd);
}

/** The Test Cycles tab: every cycle of the project with its progress, and New cycle. */
export function CyclesPage() {
  const project = useProject();
  const { can } = useSession();
  const cycles = useQuery(cyclesQuery(project.id));
  const [editing, setEditing] = useState<Cycle | 'new' | null>(null);
  const [copying, setCopying] = useState<Cycle | null>(null);
  const [importing, setImporting] = useState(false);
  const canModify = can('CYCLES_MODIFY');

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Test cycles run a set of test cases against a build and an environment.
        </Text>
        <Group gap="xs">
          {can('CYCLES_EXECUTE') && (
            <Button variant="default" onClick={() => setImporting(true)}>
              Import results
            </Button>
          )}
          {canModify && <Button onClick={() => setEditing('new')}>New cycle</Button>}
        </Group>
      </Group>

      {cycles.isPending && <LoadingState />}
      {cycles.isError && <LoadFailure error={cycles.error} onRetry={() => void cycles.refetch()} />}
      {cycles.data?.length === 0 && (
        <Alert color="blue" title="No test cycle yet">
          {canModify ? 'Plan the first test cycle of this project.' : 'Nobody has planned a test cycle in this project yet.'}
        </Alert>
      )}
      {cycles.data && cycles.data.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover aria-label="Test cycles" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Build</Table.Th>
                <Table.Th>Environment</Table.Th>
                <Table.Th>Planned</Table.Th>
                <Table.Th w={260}>Progress</Table.Th>
                <Table.Th w={80}>Defects</Table.Th>
                <HiddenHeader>Actions</HiddenHeader>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cycles.data.map((cycle) => (
                <Table.Tr key={cycle.id}>
                  <Table.Td>
                    <Anchor component={Link} to={cyclePath(project.id, cycle.id)} size="sm" fw={600}>
                      {cycle.name}
                    </Anchor>
                    {cycle.description && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {cycle.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{cycle.build || '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{cycle.environment || '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{plannedDates(cycle)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <RunProgressBar progress={cycle.progress} label={`Progress of ${cycle.name}`} size="md" />
                  </Table.Td>
                  <Table.Td aria-label={`Defects of ${cycle.name}`}>{cycle.defects}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap" justify="flex-end">
                      {cycle.progress.total > 0 && (
                        <Button size="xs" variant="light" component={Link} to={runPath(project.id, cycle.id)} aria-label={`Run ${cycle.name}`}>
                          Run
                        </Button>
                      )}
                      {canModify && (
                        <>
                          <Button size="xs" variant="default" onClick={() => setEditing(cycle)} aria-label={`Edit ${cycle.name}`}>
                            Edit
                          </Button>
                          <Button size="xs" variant="default" onClick={() => setCopying(cycle)} aria-label={`Copy ${cycle.name} for the next build`}>
                            Copy
                          </Button>
                        </>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {editing && <CycleFormModal projectId={project.id} cycle={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      {copying && <CopyCycleModal projectId={project.id} cycle={copying} onClose={() => setCopying(null)} />}
      {importing && <ImportResultsModal projectId={project.id} onClose={() => setImporting(false)} />}
    </Stack>
  );
}
