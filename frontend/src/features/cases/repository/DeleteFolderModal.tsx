import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { Modal } from '../../../components/dialogs';
import { showApiError } from '../../../lib/forms/showApiError';
import { deleteFolder } from '../api/folders';
import { useRefreshRepository } from '../api/refresh';
import type { Folder } from '../api/types';
import { countOf } from '../caseFields';
import { folderPath } from '../folderTree';

interface DeleteFolderModalProps {
  projectId: number;
  folder: Folder;
  folders: Folder[];
  onClose: () => void;
  onDeleted: () => void;
}

/** Deleting a folder deletes no case: the confirmation says where its cases and subfolders go. */
export function DeleteFolderModal({ projectId, folder, folders, onClose, onDeleted }: DeleteFolderModalProps) {
  const refresh = useRefreshRepository(projectId);
  const remove = useMutation({
    mutationFn: () => deleteFolder(folder.id),
    onSuccess: () => {
      void refresh();
      notifications.show({ color: 'green', message: `Deleted the folder ${folder.name}.` });
      onDeleted();
      onClose();
    },
    onError: (error) => showApiError(error, 'Could not delete the folder'),
  });
  const subfolders = folders.filter((candidate) => candidate.parentId === folder.id).length;
  const destination = folder.parentId === null ? 'to the top level' : `up to ${folderPath(folders, folder.parentId)}`;
  const moving = [folder.caseCount > 0 && countOf(folder.caseCount, 'case'), subfolders > 0 && countOf(subfolders, 'subfolder')].filter(Boolean);

  return (
    <Modal opened onClose={onClose} title={`Delete ${folder.name}?`}>
      <Stack>
        <Text size="sm">
          {moving.length > 0 ? `Its ${moving.join(' and its ')} move ${destination}.` : 'It is empty.'} No case is deleted.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
            Delete folder
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
