import { Button, Group, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
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

/** The fields of a cycle, shared by New cycle, Edit and Copy for next build. */
export function CycleFields({ form }: { form: UseFormReturnType<CycleFormValues> }) {
  return (
    <>
      <TextInput label="Name" withAsterisk autoComplete="off" data-autofocus {...form.getInputProps('name')} />
      <Textarea label="Description" autosize minRows={2} maxRows={6} {...form.getInputProps('description')} />
      <SimpleGrid cols={2}>
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

  return (
    <Modal opened onClose={onClose} title={cycle ? `Edit ${cycle.name}` : 'New test cycle'} size="lg">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack>
          <CycleFields form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {cycle ? 'Save' : 'Add cycle'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
