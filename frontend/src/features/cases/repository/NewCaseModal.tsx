import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { Modal } from '../../../components/dialogs';
import { showApiError } from '../../../lib/forms/showApiError';
import { casePath } from '../../projects';
import { createCase } from '../api/cases';
import { useRefreshRepository } from '../api/refresh';
import { openedFromList } from '../listLocation';

interface NewCaseModalProps {
  projectId: number;
  /** The folder the list shows, where the new case goes; null: no folder. */
  folder: { id: number; path: string } | null;
  onClose: () => void;
}

/** A title is all a new case needs; the editor opens for the rest. */
export function NewCaseModal({ projectId, folder, onClose }: NewCaseModalProps) {
  const navigate = useNavigate();
  const { search } = useLocation();
  const refresh = useRefreshRepository(projectId);
  const form = useForm({
    initialValues: { title: '' },
    validate: { title: (value) => (!value.trim() ? 'Enter a title' : value.trim().length > 255 ? 'Use at most 255 characters' : null) },
  });
  const create = useMutation({
    mutationFn: ({ title }: { title: string }) => createCase(projectId, { title: title.trim(), folderId: folder?.id ?? null }),
    onSuccess: (created) => {
      void refresh();
      onClose();
      void navigate(casePath(projectId, created.id), { state: openedFromList(search, true) });
    },
    onError: (error) => showApiError(error, 'Could not add the case', form),
  });

  return (
    <Modal opened onClose={onClose} title="New case">
      <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
        <Stack>
          <TextInput label="Title" withAsterisk autoComplete="off" data-autofocus {...form.getInputProps('title')} />
          {folder && (
            <Text size="sm" c="dimmed">
              In the folder {folder.path}.
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create and edit
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
