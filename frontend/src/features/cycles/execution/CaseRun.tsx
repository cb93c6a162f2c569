import { Alert, Anchor, Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { HiddenHeader } from '../../../components/HiddenHeader';
import { isApiError } from '../../../api/ApiError';
import { Modal } from '../../../components/dialogs';
import { PRIORITY_LABELS } from '../../../lib/caseLabels';
import { LoadFailure, LoadingState } from '../../../components/PageStates';
import { formatDateTime, formatDuration } from '../../../lib/format';
import { showApiError } from '../../../lib/forms/showApiError';
import { useSession } from '../../auth';
import type { Project } from '../../projects';
import {
  attemptQuery,
  cycleKey,
  latestAttemptQuery,
  pullLatestCaseVersion,
  rerunCycleCase,
  setAttemptStatus,
  type Attempt,
  type AttemptStep,
  type Defect,
  type RunStatus,
} from '../api';
import { DefectsTable } from '../DefectsTable';
import { RUN_STATUS, RUN_STATUSES } from '../runStatus';
import { RunStatusBadge } from '../RunStatusBadge';
import { TrendBadge } from '../TrendBadge';
import { AutomatedResult } from './AutomatedResult';
import { LinkDefectDialog } from './LinkDefectDialog';
import { StepsGrid } from './StepsGrid';
import { THE_RUN, useRaiseDefect } from './useRaiseDefect';
import type { StepResults } from './useStepResults';

const FROM_STEPS = 'FROM_STEPS';

/** Now, again every half minute while `ticking` (for the elapsed time of a run in progress). */
function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

/** "12 minutes" from the first result to the last (or to now while it runs). */
function elapsed(attempt: Pick<Attempt, 'startedAt' | 'finishedAt'>, now: number): string {
  if (!attempt.startedAt) return 'Not started';
  const start = Date.parse(attempt.startedAt);
  const end = attempt.finishedAt ? Date.parse(attempt.finishedAt) : now;
  return `${formatDuration((end - start) / 1000)}${attempt.finishedAt ? '' : ' so far'}`;
}

interface CaseRunProps {
  project: Project;
  cycleId: number;
  cycleCaseId: number;
  /** An earlier attempt to look at (read only); null for the latest. */
  viewAttemptId: number | null;
  onViewAttempt: (executionId: number | null) => void;
  results: StepResults;
}

/** One case of the cycle as the tester runs it: its pinned version, its attempt and steps, defects and other attempts. */
export function CaseRun({ project, cycleId, cycleCaseId, viewAttemptId, onViewAttempt, results }: CaseRunProps) {
  const latest = useQuery(latestAttemptQuery(cycleId, cycleCaseId));
  const viewingEarlier = viewAttemptId !== null && latest.data !== undefined && viewAttemptId !== latest.data.id;
  const earlier = useQuery({ ...attemptQuery(cycleId, viewAttemptId ?? 0), enabled: viewingEarlier });

  if (latest.isPending) return <LoadingState />;
  if (isApiError(latest.error, 404)) return <Text>This case is not in the cycle (any more).</Text>;
  if (latest.isError) return <LoadFailure error={latest.error} onRetry={() => void latest.refetch()} />;
  if (viewingEarlier && earlier.isPending) return <LoadingState />;
  if (viewingEarlier && earlier.isError) return <LoadFailure error={earlier.error} onRetry={() => void earlier.refetch()} />;
  const attempt = viewingEarlier && earlier.data ? earlier.data : latest.data;
  return <AttemptView key={attempt.id} project={project} attempt={attempt} latestId={latest.data.id} onViewAttempt={onViewAttempt} results={results} />;
}

interface AttemptViewProps {
  project: Project;
  attempt: Attempt;
  latestId: number;
  onViewAttempt: (executionId: number | null) => void;
  results: StepResults;
}

function AttemptView({ project, attempt, latestId, onViewAttempt, results }: AttemptViewProps) {
  const queryClient = useQueryClient();
  const { can } = useSession();
  const canExecute = can('CYCLES_EXECUTE');
  const editable = canExecute && attempt.latest;
  const now = useNow(!!attempt.startedAt && !attempt.finishedAt);
  const [linkingFor, setLinkingFor] = useState<AttemptStep | 'run' | null>(null);
  const [confirmingLatest, setConfirmingLatest] = useState(false);
  const defects = useRaiseDefect(project, attempt, results);
  const latestKey = latestAttemptQuery(attempt.cycleId, attempt.cycleCaseId).queryKey;
  const refreshCycle = () => void queryClient.invalidateQueries({ queryKey: cycleKey(attempt.cycleId) });

  const setStatus = useMutation({
    mutationFn: (status: RunStatus | null) => setAttemptStatus(attempt.cycleId, attempt.id, status),
    onSuccess: (answer) => {
      queryClient.setQueryData(latestKey, (current) =>
        current && current.id === answer.id
          ? { ...current, status: answer.status, derivedStatus: answer.derivedStatus, statusSetByHand: answer.statusSetByHand, startedAt: answer.startedAt ?? null, finishedAt: answer.finishedAt ?? null }
          : current,
      );
      refreshCycle();
    },
    onError: (error) => showApiError(error, 'Could not set the status'),
  });
  const newAttempt = (attemptNow: Attempt, message: string) => {
    queryClient.setQueryData(latestKey, attemptNow);
    refreshCycle();
    onViewAttempt(null);
    notifications.show({ color: 'green', message });
  };
  const rerun = useMutation({
    mutationFn: () => rerunCycleCase(attempt.cycleId, attempt.cycleCaseId),
    onSuccess: (next) => newAttempt(next, `Attempt ${next.attempt} of ${next.key} started; the earlier ones are kept.`),
    onError: (error) => showApiError(error, 'Could not run the case again'),
  });
  const pullLatest = useMutation({
    mutationFn: () => pullLatestCaseVersion(attempt.cycleId, attempt.cycleCaseId),
    onSuccess: (next) => newAttempt(next, `${next.key} now runs version ${next.version}${next.attempt > attempt.attempt ? `, in attempt ${next.attempt}` : ''}.`),
    onError: (error) => showApiError(error, 'Could not take the newest version'),
  });

  const stepNumbers = new Map(attempt.steps.map((step) => [step.id, step.number]));
  const defectsByStep = new Map<string, Defect[]>();
  for (const defect of attempt.defects) {
    if (defect.stepId) defectsByStep.set(defect.stepId, [...(defectsByStep.get(defect.stepId) ?? []), defect]);
  }
  const earlierAttempts = attempt.attempts.filter((other) => other.id !== attempt.id);
  // Something was recorded in this attempt (saved or on its way), as the server counts it: a status
  // set by hand, or a result of a step (whatever its status, a text or a file).
  const recorded =
    attempt.statusSetByHand ||
    attempt.steps.some((step) => {
      const result = results.resultOf(attempt.id, step);
      return result.status !== 'NOT_RUN' || result.actual !== '' || result.comment !== '' || step.updatedAt !== null || step.attachments.length > 0;
    });

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Group gap="sm" align="baseline">
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {attempt.key} {attempt.title}
          </Title>
          <Badge variant="outline" color="gray" tt="none">
            Version {attempt.version}
          </Badge>
          <Badge variant="light" color="gray" tt="none">
            Priority: {PRIORITY_LABELS[attempt.priority]}
          </Badge>
        </Group>
        {/* Notes, not alerts: they come with the case (J, K), nothing happened that needs announcing. */}
        {attempt.latestVersion > attempt.version && (
          <Alert color="yellow" role="note" title="A newer version of this case exists">
            <Group justify="space-between">
              <Text size="sm">
                This run follows version {attempt.version}, as the case was when it was added; version {attempt.latestVersion} is the newest.
              </Text>
              {editable && (
                <Button size="xs" variant="light" color="yellow" onClick={() => setConfirmingLatest(true)} aria-haspopup="dialog">
                  Run the latest (version {attempt.latestVersion})
                </Button>
              )}
            </Group>
          </Alert>
        )}
        {!attempt.latest && (
          <Alert color="blue" role="note" title={`Attempt ${attempt.attempt}, read only`}>
            <Group justify="space-between">
              <Text size="sm">Results go to the latest attempt only.</Text>
              <Anchor component="button" type="button" size="sm" onClick={() => onViewAttempt(null)}>
                Back to the latest attempt
              </Anchor>
            </Group>
          </Alert>
        )}
      </Stack>

      {attempt.precondition && (
        <div>
          <Text size="sm" fw={600}>
            Precondition
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {attempt.precondition}
          </Text>
        </div>
      )}

      <Group gap="lg" align="flex-end">
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {attempt.attempts.length > 1 ? `Attempt ${attempt.attempt} of ${attempt.attempts.length}` : `Attempt ${attempt.attempt}`}
          </Text>
          <Group gap={6}>
            <RunStatusBadge status={attempt.status} size="md" />
            <Text size="xs" c="dimmed">
              {attempt.automated
                ? 'reported by CI'
                : attempt.statusSetByHand
                ? `set by hand (the steps say ${RUN_STATUS[attempt.derivedStatus].label})`
                : recorded
                  ? 'from the steps'
                  : 'nothing recorded yet'}
            </Text>
          </Group>
        </Stack>
        {/* An automated result's status is CI's: the next import records the next one. */}
        {editable && !attempt.automated && (
          <Select
            label="Status of the run"
            size="xs"
            w={220}
            data={[
              { value: FROM_STEPS, label: `From the steps (${RUN_STATUS[attempt.derivedStatus].label})` },
              ...RUN_STATUSES.map((status) => ({ value: status, label: `${RUN_STATUS[status].label} (set by hand)` })),
            ]}
            value={attempt.statusSetByHand ? attempt.status : FROM_STEPS}
            onChange={(value) => value && setStatus.mutate(value === FROM_STEPS ? null : (value as RunStatus))}
            allowDeselect={false}
            disabled={setStatus.isPending}
          />
        )}
        {!attempt.automated && (
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              Elapsed
            </Text>
            <Text size="sm">{elapsed(attempt, now)}</Text>
          </Stack>
        )}
        {attempt.executedBy && (
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              {attempt.automated ? 'Imported by' : 'Run by'}
            </Text>
            <Text size="sm">{attempt.executedBy.name}</Text>
          </Stack>
        )}
        {/* Another attempt makes sense once this one has a result. */}
        {canExecute && attempt.latest && recorded && !attempt.automated && (
          <Button variant="default" size="xs" loading={rerun.isPending} onClick={() => rerun.mutate()}>
            Run again
          </Button>
        )}
      </Group>

      {attempt.automated && (
        <AutomatedResult
          run={attempt.automated}
          onRaiseDefect={editable ? () => defects.start(null) : undefined}
          raising={defects.preparing === THE_RUN}
        />
      )}

      {attempt.steps.length === 0 ? (
        !attempt.automated && <Text size="sm">This version of the case has no steps.</Text>
      ) : (
        <StepsGrid
          attempt={attempt}
          editable={editable}
          results={results}
          defectsByStep={defectsByStep}
          onRaiseDefect={defects.start}
          onLinkDefect={(step) => setLinkingFor(step)}
          raisingStepId={defects.preparing}
        />
      )}

      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3}>Defects of this run</Title>
          {editable && (
            <Button size="xs" variant="default" onClick={() => setLinkingFor('run')}>
              Link issue to the run
            </Button>
          )}
        </Group>
        {attempt.defects.length === 0 ? (
          <Text size="sm" c="dimmed">
            {attempt.automated
              ? 'No defect linked. A failed automated result offers “Create Jira defect”.'
              : 'No defect linked. A failed step offers “Create Jira defect”.'}
          </Text>
        ) : (
          <DefectsTable
            projectId={project.id}
            cycleId={attempt.cycleId}
            defects={attempt.defects}
            canExecute={canExecute}
            stepNumbers={stepNumbers}
            label="Defects of this run"
          />
        )}
      </Stack>

      {earlierAttempts.length > 0 && (
        <Stack gap="xs">
          <Title order={3}>Other attempts</Title>
          <Table.ScrollContainer minWidth={560} maw={720}>
            <Table aria-label="Other attempts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Attempt</Table.Th>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Started</Table.Th>
                  <Table.Th>Finished</Table.Th>
                  <HiddenHeader>Actions</HiddenHeader>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {earlierAttempts.map((other) => (
                  <Table.Tr key={other.id}>
                    <Table.Td>{other.attempt}</Table.Td>
                    <Table.Td>{other.version}</Table.Td>
                    <Table.Td>
                      {/* Never narrower than its badges: a cut badge reads "F". */}
                      <Group gap={4} wrap="nowrap" style={{ minWidth: 'max-content' }}>
                        <RunStatusBadge status={other.status} />
                        {other.trend && <TrendBadge trend={other.trend} />}
                      </Group>
                    </Table.Td>
                    <Table.Td>{formatDateTime(other.startedAt)}</Table.Td>
                    <Table.Td>{formatDateTime(other.finishedAt)}</Table.Td>
                    <Table.Td>
                      <Anchor component="button" type="button" size="sm" onClick={() => onViewAttempt(other.id === latestId ? null : other.id)}>
                        {other.id === latestId ? 'Latest attempt' : `View attempt ${other.attempt}`}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}

      {defects.dialog}
      {confirmingLatest && (
        <Modal opened onClose={() => setConfirmingLatest(false)} title={`Run version ${attempt.latestVersion} of ${attempt.key}?`}>
          <Stack>
            <Text size="sm">
              {recorded
                ? `Attempt ${attempt.attempt} has results, so it stays as it ran, at version ${attempt.version}, like any earlier attempts. A new attempt ${attempt.attempt + 1} starts at version ${attempt.latestVersion}.`
                : `Nothing is recorded in attempt ${attempt.attempt} yet: it switches to version ${attempt.latestVersion} and runs its steps.`}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirmingLatest(false)} data-autofocus>
                Cancel
              </Button>
              <Button
                loading={pullLatest.isPending}
                onClick={() => pullLatest.mutate(undefined, { onSettled: () => setConfirmingLatest(false) })}
              >
                {recorded ? `Start attempt ${attempt.attempt + 1}` : `Run version ${attempt.latestVersion}`}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
      {linkingFor && (
        <LinkDefectDialog project={project} attempt={attempt} step={linkingFor === 'run' ? null : linkingFor} onClose={() => setLinkingFor(null)} />
      )}
    </Stack>
  );
}
