import { Alert, Anchor, Box, Button, Flex, Group, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../../api/ApiError';
import { Drawer } from '../../../components/dialogs';
import { usePageTitle } from '../../../lib/pageTitle';
import { LoadFailure, LoadingState } from '../../../components/PageStates';
import { useSession } from '../../auth';
import { useProject } from '../../projects';
import { cycleCasesQuery, cycleQuery, type CycleCase } from '../api';
import { cyclePath, runPath } from '../paths';
import { RunProgressBar } from '../RunProgressBar';
import { CaseList, filterCases, type CaseListFilter } from './CaseList';
import { CaseRun } from './CaseRun';
import { pageKeyAction } from './keyboard';
import { LeaveGuard } from './LeaveGuard';
import { SaveIndicator } from './SaveIndicator';
import { ShortcutHelp } from './ShortcutHelp';
import { useStepResults } from './useStepResults';

/**
 * Below this width (Mantine's md, where the side list and the steps no longer fit side by side)
 * the current case takes the whole width and the case list opens in a drawer.
 */
export const NARROW_SCREEN = '(max-width: 61.99em)';

/**
 * The execution screen, `/projects/:projectId/cycles/:cycleId/run?case=<cycleCaseId>` (Jira's
 * links back from defects open it): the cycle's cases on the side, the current case in the middle;
 * on a narrow screen the current case alone, and the cases in a drawer.
 */
export function ExecutionPage() {
  const cycleId = Number(useParams().cycleId);
  if (!Number.isInteger(cycleId) || cycleId <= 0) return <Text>There is no such test cycle.</Text>;
  // A screen (and a save queue) per cycle.
  return <ExecutionScreen key={cycleId} cycleId={cycleId} />;
}

/** The case to open without one in the address: my first not finished, else the first not finished, else the first. */
function firstCase(cases: readonly CycleCase[], myId: number): CycleCase | undefined {
  const open = (item: CycleCase) => item.status === 'NOT_RUN' || item.status === 'IN_PROGRESS';
  return cases.find((item) => item.assignee?.id === myId && open(item)) ?? cases.find(open) ?? cases[0];
}

function ExecutionScreen({ cycleId }: { cycleId: number }) {
  const project = useProject();
  const { user } = useSession();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const cycle = useQuery(cycleQuery(cycleId));
  const cases = useQuery(cycleCasesQuery(cycleId));
  const results = useStepResults(cycleId, project.id);
  const [filter, setFilter] = useState<CaseListFilter>({ status: null, assignee: 'all' });
  const [help, setHelp] = useState(false);
  // Read at once (no first render as a wide screen): the case would otherwise be laid out twice.
  const narrow = useMediaQuery(NARROW_SCREEN, false, { getInitialValueInEffect: false });
  const [casesOpen, setCasesOpen] = useState(false);

  const caseParam = Number(searchParams.get('case'));
  const currentId = Number.isInteger(caseParam) && caseParam > 0 ? caseParam : null;
  const attemptParam = Number(searchParams.get('attempt'));
  const viewAttemptId = Number.isInteger(attemptParam) && attemptParam > 0 ? attemptParam : null;
  const all = cases.data?.items ?? [];
  const shown = filterCases(all, filter, user.id);
  const running = all.find((item) => item.id === currentId);
  usePageTitle(cycle.data ? [running ? `${running.key} ${running.title}` : null, cycle.data.name].filter(Boolean).join(' — ') : null);

  // J / K (or Alt+↓ / Alt+↑) and "?", anywhere but in a text field or a dialog.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      if (event.target instanceof Element && event.target.closest('[role="dialog"]')) return;
      const action = pageKeyAction(event);
      if (!action) return;
      if (action.type === 'help') {
        event.preventDefault();
        setHelp(true);
        return;
      }
      if (action.type !== 'case' || shown.length === 0) return;
      event.preventDefault();
      const index = shown.findIndex((item) => item.id === currentId);
      const next = index < 0 ? shown[0] : shown[Math.min(Math.max(index + action.by, 0), shown.length - 1)];
      if (next && next.id !== currentId) void navigate(runPath(project.id, cycleId, next.id));
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [shown, currentId, navigate, project.id, cycleId]);

  if (cycle.isPending || cases.isPending) return <LoadingState />;
  if (isApiError(cycle.error, 404) || (cycle.data && cycle.data.projectId !== project.id)) {
    return <Text>There is no such test cycle in this project.</Text>;
  }
  if (cycle.isError) return <LoadFailure error={cycle.error} onRetry={() => void cycle.refetch()} />;
  if (cases.isError) return <LoadFailure error={cases.error} onRetry={() => void cases.refetch()} />;
  const detail = cycle.data;
  const back = (
    <Anchor component={Link} to={cyclePath(project.id, cycleId)} size="sm">
      ← {detail.name}
    </Anchor>
  );
  if (all.length === 0) {
    return (
      <Stack>
        {back}
        <Alert color="blue" title="Nothing to run yet">
          This cycle has no case. Add cases to it first.
        </Alert>
      </Stack>
    );
  }
  if (currentId === null) {
    const start = firstCase(all, user.id);
    return start ? <Navigate to={runPath(project.id, cycleId, start.id)} replace /> : null;
  }

  const viewAttempt = (executionId: number | null) =>
    setSearchParams(executionId === null ? { case: String(currentId) } : { case: String(currentId), attempt: String(executionId) });

  const caseList = (inDrawer: boolean) => (
    <CaseList
      projectId={project.id}
      cycleId={cycleId}
      cases={all}
      shown={shown}
      currentId={currentId}
      filter={filter}
      onFilter={setFilter}
      {...(inDrawer ? { maxHeight: 'calc(100dvh - 200px)', onPick: () => setCasesOpen(false) } : {})}
    />
  );

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start" gap="xs" style={{ rowGap: 4 }}>
        <Stack gap={2} style={{ flex: '1 1 16rem', minWidth: 0 }}>
          {back}
          <Title order={2} size="h4" style={{ overflowWrap: 'anywhere' }}>
            Running {detail.name}
          </Title>
          <Text size="xs" c="dimmed">
            {[detail.build && `Build ${detail.build}`, detail.environment && `Environment ${detail.environment}`].filter(Boolean).join(' · ') ||
              'No build or environment given'}
          </Text>
        </Stack>
        <Group gap="xs" justify="flex-end" style={{ flex: '0 1 auto', minWidth: 0, marginLeft: 'auto', rowGap: 4 }}>
          <SaveIndicator summary={results.summary} onRetryNow={results.retryNow} />
          {narrow && (
            <Button size="xs" variant="default" onClick={() => setCasesOpen(true)} aria-haspopup="dialog" style={{ flexShrink: 0 }}>
              Cases ({all.length})
            </Button>
          )}
          <Button size="xs" variant="default" onClick={() => setHelp(true)} aria-keyshortcuts="?" style={{ flexShrink: 0 }}>
            Keyboard shortcuts (?)
          </Button>
        </Group>
      </Group>
      <RunProgressBar progress={cases.data.progress} label={`Progress of ${detail.name}`} />
      <Flex gap="md" align={narrow ? 'stretch' : 'flex-start'} direction={narrow ? 'column' : 'row'}>
        {/* Always two children, so that the current case keeps its place (and state) when the screen turns. */}
        {narrow ? null : (
          <Box w={240} style={{ flexShrink: 0 }}>
            {caseList(false)}
          </Box>
        )}
        <Box component="section" aria-label="Current case" style={{ flex: 1, minWidth: 0 }}>
          <CaseRun
            key={currentId}
            project={project}
            cycleId={cycleId}
            cycleCaseId={currentId}
            viewAttemptId={viewAttemptId}
            onViewAttempt={viewAttempt}
            results={results}
          />
        </Box>
      </Flex>
      {narrow && casesOpen && (
        <Drawer opened onClose={() => setCasesOpen(false)} title={`Cases of ${detail.name}`} position="left" size="xs">
          {caseList(true)}
        </Drawer>
      )}
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      <LeaveGuard unsaved={results.summary.kind !== 'idle' && results.summary.kind !== 'saved'} />
    </Stack>
  );
}
