import { Button, Group, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Modal } from '../../components/dialogs';
import { showApiError } from '../../lib/forms/showApiError';
import { addTestCase, suiteQuery, suitesQuery } from './api';

interface AddTestCaseModalProps {
  projectId: number;
  suiteId: number;
  onClose: () => void;
}

export function AddTestCaseModal({ projectId, suiteId, onClose }: AddTestCaseModalProps) {
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { title: '', steps: '' },
    validate: {
      title: (value) => (!value.trim() ? 'Enter a title' : value.trim().length > 300 ? 'Use at most 300 characters' : null),
      steps: (value) => (value.length > 20_000 ? 'Use at most 20,000 characters' : null),
    },
  });

  const add = useMutation({
    mutationFn: (values: { title: string; steps: string }) =>
      addTestCase(suiteId, { title: values.title.trim(), ...(values.steps.trim() ? { steps: values.steps } : {}) }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: suiteQuery(suiteId).queryKey });
      void queryClient.invalidateQueries({ queryKey: suitesQuery(projectId).queryKey });
      // The new case is in the repository too.
      void queryClient.invalidateQueries({ queryKey: ['projects', projectId, 'cases'] });
      notifications.show({ color: 'green', message: `Added the test case ${form.values.title.trim()}.` });
      onClose();
    },
    onError: (error) => showApiError(error, 'Could not add the test case', form),
  });

  return (
    <Modal opened onClose={onClose} title="Add test case" size="lg">
      <form onSubmit={form.onSubmit((values) => add.mutate(values))} noValidate>
        <Stack>
          <TextInput label="Title" withAsterisk autoComplete="off" data-autofocus {...form.getInputProps('title')} />
          <Textarea label="Steps" description="One step per line" autosize minRows={4} maxRows={14} {...form.getInputProps('steps')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              Add test case
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
