import { Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Modal } from '../../components/dialogs';
import { showApiError } from '../../lib/forms/showApiError';
import { createCycle, cycleKey, cyclesKey, updateCycle, type Cycle } from './api';
import { cyclePath } from './paths';

export interface CycleFormValues {
  name: string;
  description: string;
  build: string;
  environment: string;
  plannedStart: string;
  plannedEnd: string;
}

export function valuesOfCycle(cycle?: Cycle): CycleFormValues {
  return {
    name: cycle?.name ?? '',
    description: cycle?.description ?? '',
    build: cycle?.build ?? '',
    environment: cycle?.environment ?? '',
    plannedStart: cycle?.plannedStart ?? '',
    plannedEnd: cycle?.plannedEnd ?? '',
  };
}

/** The same checks as the server's, for a quicker answer. */
export function validateCycle(values: CycleFormValues): Partial<Record<keyof CycleFormValues, string>> {
  const errors: Partial<Record<keyof CycleFormValues, string>> = {};
  if (!values.name.trim()) errors.name = 'Enter a name';
  else if (values.name.trim().length > 200) errors.name = 'Use at most 200 characters';
  if (values.description.length > 5000) errors.description = 'Use at most 5,000 characters';
  if (values.build.trim().length > 200) errors.build = 'Use at most 200 characters';
  if (values.environment.trim().length > 200) errors.environment = 'Use at most 200 characters';
  if (values.plannedStart && values.plannedEnd && values.plannedEnd < values.plannedStart) {
    errors.plannedEnd = 'End on or after the planned start';
  }
  return errors;
}

/** The request body of a form: trimmed, and dates left empty as null. */
export function cycleBody(values: CycleFormValues) {
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    build: values.build.trim(),
    environment: values.environment.trim(),
    plannedStart: values.plannedStart || null,
    plannedEnd: values.plannedEnd || null,
  };
}

/**
 * Closing a cycle's dialog by Esc, a click outside or its × while the form has typed changes asks
 * first (they would be lost); a form as it opened just closes. Cancel is a choice: it closes.
 */
export function useDiscardGuard(isDirty: () => boolean, onClose: () => void) {
  const [asking, setAsking] = useState(false);
  // Where the person was when they pressed Esc: "Keep editing" goes back there.
  const was = useRef<HTMLElement | null>(null);
  const keep = () => {
    setAsking(false);
    const target = was.current;
    // After the question is gone (it held the focus).
    setTimeout(() => target?.isConnected && target.focus());
  };
  return {
    asking,
    keep,
    /** The Modal's onClose. */
    onModalClose: () => {
      if (asking) keep();
      else if (isDirty()) {
        was.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        setAsking(true);
      } else onClose();
    },
  };
}

/** "Discard …?" in place of a dialog's buttons, focused on Keep editing. */
export function DiscardQuestion({ question, onKeep, onDiscard }: { question: string; onKeep: () => void; onDiscard: () => void }) {
  const id = useId();
  const keepButton = useRef<HTMLButtonElement>(null);
  useEffect(() => keepButton.current?.focus(), []);
  return (
    <Paper withBorder p="sm" bg="var(--mantine-color-yellow-light)" role="group" aria-labelledby={id}>
      <Stack gap="xs">
        <Text id={id} fw={600}>
          {question}
        </Text>
        <Text size="sm">What you typed has not been saved.</Text>
        <Group justify="flex-end">
          <Button ref={keepButton} variant="default" onClick={onKeep}>
            Keep editing
          </Button>
          <Button color="red" onClick={onDiscard}>
            Discard
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The fields of a cycle, shared by New cycle, Edit and Copy for next build. */
export function CycleFields({ form }: { form: UseFormReturnType<CycleFormValues> }) {
  return (
    <>
      <TextInput label="Name" withAsterisk autoComplete="off" data-autofocus {...form.getInputProps('name')} />
      <Textarea label="Description" autosize minRows={2} maxRows={6} {...form.getInputProps('description')} />
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <TextInput label="Build or version" placeholder="1.4.2" autoComplete="off" {...form.getInputProps('build')} />
        <TextInput label="Environment" placeholder="staging" autoComplete="off" {...form.getInputProps('environment')} />
        <TextInput type="date" label="Planned start" {...form.getInputProps('plannedStart')} />
        <TextInput type="date" label="Planned end" {...form.getInputProps('plannedEnd')} />
      </SimpleGrid>
    </>
  );
}

/** New cycle (without `cycle`), or Edit. A new cycle opens at once, to add its cases. */
export function CycleFormModal({ projectId, cycle, onClose }: { projectId: number; cycle?: Cycle; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm<CycleFormValues>({ initialValues: valuesOfCycle(cycle), validate: validateCycle });

  const save = useMutation({
    mutationFn: (values: CycleFormValues) =>
      cycle ? updateCycle(cycle.id, cycleBody(values)) : createCycle(projectId, cycleBody(values)),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: cyclesKey(projectId) });
      void queryClient.invalidateQueries({ queryKey: cycleKey(saved.id) });
      notifications.show({ color: 'green', message: cycle ? `Saved the test cycle ${saved.name}.` : `Planned the test cycle ${saved.name}.` });
      onClose();
      if (!cycle) void navigate(cyclePath(projectId, saved.id));
    },
    onError: (error) => showApiError(error, cycle ? 'Could not save the test cycle' : 'Could not add the test cycle', form),
  });
  const guard = useDiscardGuard(() => form.isDirty() && !save.isPending, onClose);

  return (
    <Modal opened onClose={guard.onModalClose} title={cycle ? `Edit ${cycle.name}` : 'New test cycle'} size="lg">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack>
          <CycleFields form={form} />
          {guard.asking ? (
            <DiscardQuestion question={cycle ? `Discard your changes to ${cycle.name}?` : 'Discard the new cycle?'} onKeep={guard.keep} onDiscard={onClose} />
          ) : (
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={save.isPending}>
                {cycle ? 'Save' : 'Add cycle'}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Modal>
  );
}
