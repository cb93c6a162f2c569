import { Button, Group, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Modal } from '../../components/dialogs';
import { showApiError } from '../../lib/forms/showApiError';
import { createSuite, suitesQuery } from './api';

export function AddSuiteModal({ projectId, onClose }: { projectId: number; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { name: '', description: '' },
    validate: {
      name: (value) => (!value.trim() ? 'Enter a name' : value.trim().length > 200 ? 'Use at most 200 characters' : null),
      description: (value) => (value.length > 5000 ? 'Use at most 5,000 characters' : null),
    },
  });

  const add = useMutation({
    mutationFn: (values: { name: string; description: string }) =>
      createSuite(projectId, { name: values.name.trim(), ...(values.description.trim() ? { description: values.description.trim() } : {}) }),
    onSuccess: (suite) => {
      void queryClient.invalidateQueries({ queryKey: suitesQuery(projectId).queryKey });
      notifications.show({ color: 'green', message: `Added the test suite ${suite.name}.` });
      onClose();
    },
    onError: (error) => showApiError(error, 'Could not add the test suite', form),
  });

  return (
    <Modal opened onClose={onClose} title="Add test suite">
      <form onSubmit={form.onSubmit((values) => add.mutate(values))} noValidate>
        <Stack>
          <TextInput label="Name" withAsterisk autoComplete="off" data-autofocus {...form.getInputProps('name')} />
          <Textarea label="Description" autosize minRows={2} maxRows={8} {...form.getInputProps('description')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              Add suite
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
