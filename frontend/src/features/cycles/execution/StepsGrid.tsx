import { Anchor, Button, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { useEffect, useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent } from 'react';
import { formatDateTime } from '../../../lib/format';
import { JiraStatusBadge } from '../../issues';
import type { Attempt, AttemptStep, Defect, StepResult, StepStatus } from '../api';
import { RUN_STATUS, STEP_STATUSES } from '../runStatus';
import classes from './Execution.module.css';
import { stepKeyAction } from './keyboard';
import { StepSaveStatus } from './SaveIndicator';
import { StepEvidence, useEvidenceUpload } from './StepEvidence';
import type { StepResults } from './useStepResults';

interface StepsGridProps {
  attempt: Attempt;
  /** Results can be recorded (the right to execute, and the latest attempt). */
  editable: boolean;
  results: StepResults;
  defectsByStep: ReadonlyMap<string, readonly Defect[]>;
  onRaiseDefect: (step: AttemptStep) => void;
  onLinkDefect: (step: AttemptStep) => void;
  /** The step whose defect is being written (its button spins). */
  raisingStepId: string | null;
}

interface Fields {
  actual?: HTMLTextAreaElement | null;
  comment?: HTMLTextAreaElement | null;
}

/** The step to start at: the first not run yet, else the first. */
function startingStep(attempt: Attempt, resultOf: StepResults['resultOf']): number {
  const index = attempt.steps.findIndex((step) => resultOf(attempt.id, step).status === 'NOT_RUN');
  return Math.max(0, index);
}

/**
 * The steps of an attempt as a grid, keyboard first: one step has focus (the arrows move it; P, F,
 * B, N, A set its status, P then moves on; Enter or E types its actual result, C a comment, Esc
 * comes back; D raises a defect from it). Each result shows at once and is saved behind the scenes.
 */
export function StepsGrid({ attempt, editable, results, defectsByStep, onRaiseDefect, onLinkDefect, raisingStepId }: StepsGridProps) {
  const { resultOf, change } = results;
  const [current, setCurrent] = useState(() => startingStep(attempt, resultOf));
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const fields = useRef(new Map<string, Fields>());
  const steps = attempt.steps;

  // A new case or attempt: focus goes to its first step not run, so the keys work at once.
  const focusedAttempt = useRef<number | null>(null);
  useEffect(() => {
    if (focusedAttempt.current === attempt.id) return;
    focusedAttempt.current = attempt.id;
    const start = startingStep(attempt, resultOf);
    setCurrent(start);
    rows.current[start]?.focus();
  }, [attempt, resultOf]);

  const focusStep = (index: number) => {
    const next = Math.min(Math.max(index, 0), steps.length - 1);
    setCurrent(next);
    rows.current[next]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLTableRowElement>('tr[data-step-index]');
    if (!row) return;
    const index = Number(row.dataset.stepIndex);
    const step = steps[index];
    if (!step) return;
    const action = stepKeyAction(event, event.target === row);
    if (!action) return;
    switch (action.type) {
      case 'move':
        focusStep(index + action.by);
        break;
      case 'first':
        focusStep(0);
        break;
      case 'last':
        focusStep(steps.length - 1);
        break;
      case 'leave-field':
        focusStep(index);
        break;
      case 'status':
        if (!editable) return;
        change(attempt, step, { status: action.status });
        if (action.advance && index < steps.length - 1) focusStep(index + 1);
        break;
      case 'edit':
        if (!editable) return;
        fields.current.get(step.id)?.[action.field]?.focus();
        break;
      case 'defect':
        if (!editable || resultOf(attempt.id, step).status !== 'FAIL') return;
        onRaiseDefect(step);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  // Wide, a table of four columns (scrolling sideways if it must); narrow (its own width, not the
  // screen's: a side list or a navigation bar may take room), each step's status buttons and result
  // fields stack under its text. The roles are explicit: a table laid out as blocks keeps them.
  return (
    <div className={classes.steps}>
      <div className={classes.stepsScroll}>
        <Table
          className={classes.stepsTable}
          role="grid"
          aria-label={`Steps of ${attempt.key}`}
          aria-rowcount={steps.length + 1}
          aria-keyshortcuts="ArrowUp ArrowDown Home End P F B N A E C D Enter Escape"
          onKeyDown={onKeyDown}
          withRowBorders
        >
          <Table.Thead role="rowgroup" className={classes.stepsHead}>
            <Table.Tr role="row" aria-rowindex={1}>
              <Table.Th role="columnheader" w={36}>
                #
              </Table.Th>
              <Table.Th role="columnheader">Step</Table.Th>
              <Table.Th role="columnheader" w={236}>
                Result
              </Table.Th>
              <Table.Th role="columnheader" w="34%">
                Actual result, comment and files
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody role="rowgroup">
            {steps.map((step, index) => (
              <StepRow
                key={step.id}
                attempt={attempt}
                step={step}
                index={index}
                result={resultOf(attempt.id, step)}
                current={index === current}
                editable={editable}
                results={results}
                defects={defectsByStep.get(step.id) ?? []}
                raising={raisingStepId === step.id}
                registerRow={(element) => {
                  rows.current[index] = element;
                }}
                registerField={(field, element) => {
                  fields.current.set(step.id, { ...fields.current.get(step.id), [field]: element });
                }}
                onFocusWithin={() => setCurrent(index)}
                onStatus={(status) => change(attempt, step, { status })}
                onRaiseDefect={() => onRaiseDefect(step)}
                onLinkDefect={() => onLinkDefect(step)}
              />
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </div>
  );
}

interface StepRowProps {
  attempt: Attempt;
  step: AttemptStep;
  index: number;
  result: StepResult;
  current: boolean;
  editable: boolean;
  results: StepResults;
  defects: readonly Defect[];
  raising: boolean;
  registerRow: (element: HTMLTableRowElement | null) => void;
  registerField: (field: 'actual' | 'comment', element: HTMLTextAreaElement | null) => void;
  onFocusWithin: () => void;
  onStatus: (status: StepStatus) => void;
  onRaiseDefect: () => void;
  onLinkDefect: () => void;
}

function StepRow({
  attempt,
  step,
  index,
  result,
  current,
  editable,
  results,
  defects,
  raising,
  registerRow,
  registerField,
  onFocusWithin,
  onStatus,
  onRaiseDefect,
  onLinkDefect,
}: StepRowProps) {
  const evidence = useEvidenceUpload(attempt, step);
  const [dropping, setDropping] = useState(false);
  const entry = results.entryOf(attempt.id, step.id);
  const statusLabel = STEP_STATUSES.find((choice) => choice.status === result.status)?.label ?? result.status;

  const hasFiles = (event: DragEvent) => editable && event.dataTransfer.types.includes('Files');
  const onPaste = (event: ClipboardEvent) => {
    const files = [...event.clipboardData.files];
    if (!editable || files.length === 0) return;
    // Screenshots from the clipboard; pasted text goes where it was pasted, as usual.
    event.preventDefault();
    evidence.upload(files.map((file, n) => (file.name && file.name !== 'image.png' ? file : renamed(file, `screenshot-step-${step.number}-${n + 1}`))));
  };

  return (
    <Table.Tr
      ref={registerRow}
      role="row"
      className={classes.stepRow}
      data-step-index={index}
      data-current={current || undefined}
      data-dropping={dropping || undefined}
      tabIndex={current ? 0 : -1}
      aria-rowindex={index + 2}
      aria-selected={current}
      aria-label={`Step ${step.number}: ${statusLabel}`}
      onFocus={onFocusWithin}
      onPaste={onPaste}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(event) => {
        setDropping(false);
        if (!hasFiles(event)) return;
        event.preventDefault();
        evidence.upload([...event.dataTransfer.files]);
      }}
    >
      <Table.Td role="gridcell" className={classes.cell}>
        <Text fw={600}>{step.number}</Text>
      </Table.Td>
      <Table.Td role="gridcell" className={classes.cell}>
        <Stack gap={4}>
          <Text size="sm" className={classes.stepText}>
            {step.action || '—'}
          </Text>
          {step.data && (
            <Text size="xs" className={classes.stepText}>
              <Text span size="xs" fw={600}>
                Data:{' '}
              </Text>
              {step.data}
            </Text>
          )}
          <Text size="xs" className={classes.stepText}>
            <Text span size="xs" fw={600}>
              Expected:{' '}
            </Text>
            {step.expected || '—'}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td role="gridcell" className={classes.cell}>
        <Stack gap={6}>
          <Group gap={4} role="group" aria-label={`Status of step ${step.number}`} className={classes.statusButtons}>
            {STEP_STATUSES.map((choice) => {
              const chosen = result.status === choice.status;
              const color = choice.status === 'NOT_RUN' ? 'gray' : RUN_STATUS[choice.status].color;
              return (
                <Button
                  key={choice.status}
                  size="compact-xs"
                  variant={chosen ? 'filled' : 'default'}
                  color={chosen ? color : undefined}
                  // White text: the theme's shades are made to read well under it.
                  autoContrast={false}
                  aria-pressed={chosen}
                  aria-keyshortcuts={choice.key}
                  title={`${choice.label} (${choice.key})`}
                  disabled={!editable && !chosen}
                  tabIndex={current ? 0 : -1}
                  onClick={() => editable && onStatus(choice.status)}
                >
                  {choice.label}
                </Button>
              );
            })}
          </Group>
          {step.updatedBy && (
            <Text size="xs" c="dimmed">
              {step.updatedBy.name} · {formatDateTime(step.updatedAt)}
            </Text>
          )}
          <StepSaveStatus
            state={entry?.state}
            stepNumber={step.number}
            onRetryNow={results.retryNow}
            onDiscard={() => results.discard(attempt.id, step.id)}
          />
          {defects.map((defect) => (
            <Group key={defect.id} gap={6}>
              {defect.url ? (
                <Anchor href={defect.url} target="_blank" rel="noopener noreferrer" size="xs" fw={600} tabIndex={current ? 0 : -1}>
                  {defect.key}
                </Anchor>
              ) : (
                <Text size="xs" fw={600}>
                  {defect.key}
                </Text>
              )}
              <JiraStatusBadge status={defect.status} />
              <Text size="xs">{defect.assignee ?? 'Unassigned'}</Text>
            </Group>
          ))}
          {editable && result.status === 'FAIL' && (
            <Group gap={4}>
              <Button size="compact-xs" variant="light" color="red" loading={raising} onClick={onRaiseDefect} aria-keyshortcuts="D" tabIndex={current ? 0 : -1}>
                Create Jira defect
              </Button>
              <Button size="compact-xs" variant="default" onClick={onLinkDefect} tabIndex={current ? 0 : -1}>
                Link issue
              </Button>
            </Group>
          )}
        </Stack>
      </Table.Td>
      <Table.Td role="gridcell" className={classes.cell}>
        <Stack gap={6}>
          <Textarea
            ref={(element) => registerField('actual', element)}
            aria-label={`Actual result of step ${step.number}`}
            placeholder={editable ? 'Actual result' : 'No actual result'}
            autosize
            minRows={1}
            maxRows={8}
            size="xs"
            value={result.actual}
            readOnly={!editable}
            tabIndex={current ? 0 : -1}
            maxLength={20_000}
            onChange={(event) => results.change(attempt, step, { actual: event.currentTarget.value }, true)}
          />
          <Textarea
            ref={(element) => registerField('comment', element)}
            aria-label={`Comment on step ${step.number}`}
            placeholder={editable ? 'Comment' : 'No comment'}
            autosize
            minRows={1}
            maxRows={6}
            size="xs"
            value={result.comment}
            readOnly={!editable}
            tabIndex={current ? 0 : -1}
            maxLength={20_000}
            onChange={(event) => results.change(attempt, step, { comment: event.currentTarget.value }, true)}
          />
          <StepEvidence attempt={attempt} step={step} editable={editable} evidence={evidence} tabbable={current} />
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

/** A pasted screenshot is called image.png by every browser: give it a name that says where it belongs. */
function renamed(file: File, base: string): File {
  const extension = file.type.startsWith('image/') ? `.${file.type.slice('image/'.length).replace('jpeg', 'jpg')}` : '';
  return new File([file], `${base}${extension}`, { type: file.type });
}
