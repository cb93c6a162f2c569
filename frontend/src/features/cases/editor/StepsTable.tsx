import { ActionIcon, Button, Group, Paper, Stack, Table, Text, Textarea, VisuallyHidden } from '@mantine/core';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { PlusIcon, TrashIcon } from '../../../components/icons';
import type { Step } from '../api/types';
import { changeStep, insertStepAfter, moveStep, removeStep, STEP_FIELD_LABELS, STEP_FIELDS, type StepField } from './steps';

interface StepsTableProps {
  steps: Step[];
  onChange: (steps: Step[]) => void;
  readOnly: boolean;
}

interface FocusTarget {
  stepId: string;
  field: StepField;
}

/** The step deleted last, and where it was: Undo puts it back there. */
interface DeletedStep {
  step: Step;
  index: number;
}

/** How long "Step 3 deleted — Undo" stays (longer while focus or the pointer is on it). */
const UNDO_MILLISECONDS = 10_000;

/**
 * The steps as rows of three text areas, to be typed through with the keyboard: Enter in a step's
 * Expected result adds a step below and goes there (Shift+Enter is a new line), Alt+↑ / Alt+↓ moves
 * the step (focus follows it). A deleted step can be put back with Undo for a few seconds (the
 * autosave saves that as one more change).
 */
export function StepsTable({ steps, onChange, readOnly }: StepsTableProps) {
  const fields = useRef(new Map<string, HTMLTextAreaElement>());
  const addButton = useRef<HTMLButtonElement>(null);
  // Where focus goes once the change is rendered: a new step's first field, a moved step's field.
  const focusAfterChange = useRef<FocusTarget | 'add-button' | null>(null);
  // Said to screen readers, since a moved row looks the same from inside it.
  const [announcement, setAnnouncement] = useState('');
  const [deleted, setDeleted] = useState<DeletedStep | null>(null);
  // Undo stays while the user is at it (focus or pointer on it), then goes after a while.
  const [holdingUndo, setHoldingUndo] = useState(false);
  useEffect(() => {
    if (!deleted || holdingUndo) return;
    const timer = setTimeout(() => setDeleted(null), UNDO_MILLISECONDS);
    return () => clearTimeout(timer);
  }, [deleted, holdingUndo]);

  useLayoutEffect(() => {
    const target = focusAfterChange.current;
    if (target === null) return;
    focusAfterChange.current = null;
    if (target === 'add-button') addButton.current?.focus();
    else fields.current.get(`${target.stepId}:${target.field}`)?.focus();
  });

  const change = (next: Step[], focus: FocusTarget | 'add-button' | null = null) => {
    focusAfterChange.current = focus;
    onChange(next);
  };
  const move = (index: number, offset: -1 | 1, field: StepField) => {
    const moved = moveStep(steps, index, offset);
    if (!moved) return;
    change(moved, { stepId: steps[index]!.id, field });
    setAnnouncement(`Step ${index + 1} moved to ${index + 1 + offset}.`);
  };
  const add = (afterIndex: number) => {
    const { steps: next, inserted } = insertStepAfter(steps, afterIndex);
    change(next, { stepId: inserted.id, field: 'action' });
  };
  const remove = (index: number) => {
    const next = removeStep(steps, index);
    const neighbour = next[Math.min(index, next.length - 1)];
    change(next, neighbour ? { stepId: neighbour.id, field: 'action' } : 'add-button');
    setDeleted({ step: steps[index]!, index });
    setHoldingUndo(false);
    setAnnouncement(`Step ${index + 1} deleted. Undo is below the steps.`);
  };
  const undo = () => {
    if (!deleted) return;
    const at = Math.min(deleted.index, steps.length);
    change([...steps.slice(0, at), deleted.step, ...steps.slice(at)], { stepId: deleted.step.id, field: 'action' });
    setDeleted(null);
    setAnnouncement(`Step ${at + 1} restored.`);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>, index: number, field: StepField) => {
    if (readOnly || event.nativeEvent.isComposing) return;
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      move(index, event.key === 'ArrowUp' ? -1 : 1, field);
    } else if (event.key === 'Enter' && field === 'expected' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      add(index);
    }
  };

  return (
    <Stack gap="xs">
      {steps.length === 0 ? (
        <Text size="sm" c="dimmed">
          {readOnly ? 'This case has no steps.' : 'No steps yet. Add the first one; Enter in its Expected result adds the next.'}
        </Text>
      ) : (
        <Table aria-label="Steps" verticalSpacing={4} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={36}>#</Table.Th>
              {STEP_FIELDS.map((field) => (
                <Table.Th key={field}>{STEP_FIELD_LABELS[field]}</Table.Th>
              ))}
              {!readOnly && (
                <Table.Th w={104}>
                  <VisuallyHidden>Step actions</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {steps.map((step, index) => (
              <Table.Tr key={step.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {index + 1}
                  </Text>
                </Table.Td>
                {STEP_FIELDS.map((field) => (
                  <Table.Td key={field}>
                    <Textarea
                      ref={(element) => {
                        const key = `${step.id}:${field}`;
                        if (element) fields.current.set(key, element);
                        else fields.current.delete(key);
                      }}
                      aria-label={`Step ${index + 1} ${STEP_FIELD_LABELS[field].toLowerCase()}`}
                      value={step[field]}
                      onChange={(event) => change(changeStep(steps, step.id, field, event.currentTarget.value))}
                      onKeyDown={(event) => onKeyDown(event, index, field)}
                      readOnly={readOnly}
                      autosize
                      minRows={1}
                      maxRows={12}
                    />
                  </Table.Td>
                ))}
                {!readOnly && (
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      <ActionIcon variant="subtle" color="gray" aria-label={`Move step ${index + 1} up`} disabled={index === 0} onClick={() => move(index, -1, 'action')}>
                        <span aria-hidden>↑</span>
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Move step ${index + 1} down`}
                        disabled={index === steps.length - 1}
                        onClick={() => move(index, 1, 'action')}
                      >
                        <span aria-hidden>↓</span>
                      </ActionIcon>
                      <ActionIcon variant="subtle" color="red" aria-label={`Delete step ${index + 1}`} onClick={() => remove(index)}>
                        <TrashIcon size={16} />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!readOnly && deleted && (
        <Paper
          withBorder
          px="sm"
          py={6}
          radius="sm"
          onFocus={() => setHoldingUndo(true)}
          onBlur={() => setHoldingUndo(false)}
          onMouseEnter={() => setHoldingUndo(true)}
          onMouseLeave={() => setHoldingUndo(false)}
        >
          <Group gap="sm" justify="space-between" wrap="nowrap">
            <Text size="sm">
              Step {deleted.index + 1} deleted{deleted.step.action.trim() ? ` (“${deleted.step.action.trim()}”)` : ''}.
            </Text>
            <Button size="compact-sm" variant="light" onClick={undo} aria-label={`Undo deleting step ${deleted.index + 1}`}>
              Undo
            </Button>
          </Group>
        </Paper>
      )}
      {!readOnly && (
        <Group justify="space-between" wrap="wrap">
          <Button ref={addButton} variant="light" size="xs" leftSection={<PlusIcon size={14} />} onClick={() => add(steps.length - 1)}>
            Add step
          </Button>
          <Text size="xs" c="dimmed">
            Enter in Expected result: next step · Shift+Enter: new line · Alt+↑/↓: move the step
          </Text>
        </Group>
      )}
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
    </Stack>
  );
}
