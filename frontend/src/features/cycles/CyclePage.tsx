import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { FactsTable } from '../../components/FactsTable';
import { usePageTitle } from '../../lib/pageTitle';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { useSession } from '../auth';
import { projectPath, useProject } from '../projects';
import { AddCasesModal } from './AddCasesModal';
import { cycleCasesQuery, cycleDefectsQuery, cycleQuery } from './api';
import { CopyCycleModal } from './CopyCycleModal';
import { CycleCasesTable } from './CycleCasesTable';
import { CycleFormModal } from './CycleFormModal';
import { plannedDates } from './CyclesPage';
import { DefectsTable } from './DefectsTable';
import { ImportResultsModal } from './ImportResultsModal';
import { runPath } from './paths';
import { RunProgressBar } from './RunProgressBar';

/** One cycle: what it runs against, its progress, its cases (added, assigned, removed) and its defects. */
export function CyclePage() {
  const project = useProject();
  const { can } = useSession();
  const cycleId = Number(useParams().cycleId);
  const validId = Number.isInteger(cycleId) && cycleId > 0;
  const cycle = useQuery({ ...cycleQuery(cycleId), enabled: validId });
  const cases = useQuery({ ...cycleCasesQuery(cycleId), enabled: validId });
  const defects = useQuery({ ...cycleDefectsQuery(cycleId), enabled: validId });
  const [dialog, setDialog] = useState<'add' | 'edit' | 'copy' | 'import' | null>(null);
  const canModify = can('CYCLES_MODIFY');
  usePageTitle(cycle.data?.name);
  const back = (
    <Anchor component={Link} to={projectPath(project.id, 'cycles')} size="sm">
      ← All test cycles
    </Anchor>
  );

  if (validId && cycle.isPending) return <LoadingState />;
  if (!validId || isApiError(cycle.error, 404) || (cycle.data && cycle.data.projectId !== project.id)) {
    return (
      <Stack>
        {back}
        <Text>There is no such test cycle in this project.</Text>
      </Stack>
    );
  }
  if (cycle.isError) return <LoadFailure error={cycle.error} onRetry={() => void cycle.refetch()} />;
  const detail = cycle.data;
  if (!detail) return null;
  const progress = cases.data?.progress ?? detail.progress;

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        {back}
        <Group justify="space-between" align="flex-start">
          <Title order={2}>{detail.name}</Title>
          <Group gap="xs">
            {progress.total > 0 && (
              <Button component={Link} to={runPath(project.id, detail.id)}>
                Run
              </Button>
            )}
            {canModify && (
              <>
                <Button variant="light" onClick={() => setDialog('add')}>
                  Add cases
                </Button>
                <Button variant="default" onClick={() => setDialog('edit')}>
                  Edit
                </Button>
                <Button variant="default" onClick={() => setDialog('copy')}>
                  Copy for next build
                </Button>
              </>
            )}
            {can('CYCLES_EXECUTE') && (
              <Button variant="default" onClick={() => setDialog('import')}>
                Import results
              </Button>
            )}
          </Group>
        </Group>
        {detail.description && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {detail.description}
          </Text>
        )}
      </Stack>
      <FactsTable
        label="About the cycle"
        facts={[
          { label: 'Build', value: detail.build || '—' },
          { label: 'Environment', value: detail.environment || '—' },
          { label: 'Planned', value: plannedDates(detail) },
        ]}
      />
      <RunProgressBar progress={progress} label={`Progress of ${detail.name}`} />

      <Stack gap="xs">
        <Title order={3}>Cases</Title>
        {cases.isPending && <LoadingState />}
        {cases.isError && <LoadFailure error={cases.error} onRetry={() => void cases.refetch()} />}
        {cases.data?.items.length === 0 && (
          <Alert color="blue" title="No case in this cycle yet">
            {canModify ? 'Add cases from a suite, by filter or one by one.' : 'Nobody has added cases to this cycle yet.'}
          </Alert>
        )}
        {cases.data && cases.data.items.length > 0 && (
          <CycleCasesTable projectId={project.id} cycle={detail} cases={cases.data.items} canModify={canModify} />
        )}
      </Stack>

      <Stack gap="xs">
        <Title order={3}>Defects</Title>
        {defects.isError && <LoadFailure error={defects.error} onRetry={() => void defects.refetch()} />}
        {defects.data?.length === 0 && (
          <Text size="sm" c="dimmed">
            No defect raised in this cycle.
          </Text>
        )}
        {defects.data && defects.data.length > 0 && (
          <DefectsTable
            projectId={project.id}
            cycleId={detail.id}
            defects={defects.data}
            canExecute={can('CYCLES_EXECUTE')}
            showCase
            label="Defects of the cycle"
          />
        )}
      </Stack>

      {dialog === 'add' && <AddCasesModal projectId={project.id} cycle={detail} onClose={() => setDialog(null)} />}
      {dialog === 'edit' && <CycleFormModal projectId={project.id} cycle={detail} onClose={() => setDialog(null)} />}
      {dialog === 'copy' && <CopyCycleModal projectId={project.id} cycle={detail} onClose={() => setDialog(null)} />}
      {dialog === 'import' && <ImportResultsModal projectId={project.id} cycle={detail} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
