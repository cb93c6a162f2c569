import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { Modal } from '../../../components/dialogs';
import { showApiError } from '../../../lib/forms/showApiError';
import { createFolder, updateFolder } from '../api/folders';
import { useRefreshRepository } from '../api/refresh';
import type { Folder } from '../api/types';

type FolderNameModalProps = { projectId: number; onClose: () => void } & (
  | { parent: Folder | null; onCreated: (folder: Folder) => void; folder?: undefined }
  | { folder: Folder; parent?: undefined; onCreated?: undefined }
);

/** Names a new folder (at the top level or inside `parent`), or renames `folder`. */
export function FolderNameModal({ projectId, folder, parent, onCreated, onClose }: FolderNameModalProps) {
  const refresh = useRefreshRepository(projectId);
  const form = useForm({
    initialValues: { name: folder?.name ?? '' },
    validate: { name: (value) => (!value.trim() ? 'Enter a name' : value.trim().length > 100 ? 'Use at most 100 characters' : null) },
  });
  const save = useMutation({
    mutationFn: ({ name }: { name: string }) =>
      folder ? updateFolder(folder.id, { name: name.trim() }) : createFolder(projectId, name.trim(), parent?.id ?? null),
    onSuccess: (saved) => {
      void refresh();
      notifications.show({ color: 'green', message: folder ? `Renamed the folder to ${saved.name}.` : `Added the folder ${saved.name}.` });
      onCreated?.(saved);
      onClose();
    },
    onError: (error) => showApiError(error, folder ? 'Could not rename the folder' : 'Could not add the folder', form),
  });
  const title = folder ? `Rename ${folder.name}` : parent ? `New folder in ${parent.name}` : 'New folder';

  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack>
          <TextInput label="Name" withAsterisk autoComplete="off" data-autofocus {...form.getInputProps('name')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {folder ? 'Rename' : 'Add folder'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
