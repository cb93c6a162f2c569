import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Modal } from '../../../components/dialogs';
import { showApiError } from '../../../lib/forms/showApiError';
import { updateFolder } from '../api/folders';
import { useRefreshRepository } from '../api/refresh';
import type { Folder } from '../api/types';
import { folderAndDescendants, folderOptions } from '../folderTree';

const TOP_LEVEL = 'top';

/** Moves a folder under another one, or to the top level; never into itself or below itself. */
export function MoveFolderModal({ projectId, folder, folders, onClose }: { projectId: number; folder: Folder; folders: Folder[]; onClose: () => void }) {
  const refresh = useRefreshRepository(projectId);
  const [target, setTarget] = useState<string>(folder.parentId === null ? TOP_LEVEL : String(folder.parentId));
  const move = useMutation({
    mutationFn: () => updateFolder(folder.id, { parentId: target === TOP_LEVEL ? null : Number(target) }),
    onSuccess: () => {
      void refresh();
      notifications.show({ color: 'green', message: `Moved the folder ${folder.name}.` });
      onClose();
    },
    onError: (error) => showApiError(error, 'Could not move the folder'),
  });
  const options = [{ value: TOP_LEVEL, label: 'Top level' }, ...folderOptions(folders, folderAndDescendants(folders, folder.id))];

  return (
    <Modal opened onClose={onClose} title={`Move ${folder.name}`}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          move.mutate();
        }}
      >
        <Stack>
          <Text size="sm">The folder moves with its cases and subfolders.</Text>
          <Select label="Move into" data={options} value={target} onChange={(value) => value && setTarget(value)} allowDeselect={false} searchable data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={move.isPending}>
              Move
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
