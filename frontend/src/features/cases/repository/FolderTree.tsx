import { ActionIcon, Group, Menu, NavLink, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { PlusIcon } from '../../../components/icons';
import type { Folder } from '../api/types';
import { buildFolderTree, type FolderNode } from '../folderTree';
import type { FolderChoice } from './caseFilters';
import { DeleteFolderModal } from './DeleteFolderModal';
import { FolderNameModal } from './FolderNameModal';
import classes from './FolderTree.module.css';
import { MoveFolderModal } from './MoveFolderModal';

interface FolderTreeProps {
  projectId: number;
  folders: Folder[];
  selected: FolderChoice;
  onSelect: (folder: FolderChoice) => void;
  canModify: boolean;
}

type FolderAction =
  | { kind: 'create'; parent: Folder | null }
  | { kind: 'rename' | 'move' | 'delete'; folder: Folder };

/** All cases, Unfiled, and the project's folders nested, each with its case count and (with the right) a menu. */
export function FolderTree({ projectId, folders, selected, onSelect, canModify }: FolderTreeProps) {
  const [action, setAction] = useState<FolderAction | null>(null);
  const tree = buildFolderTree(folders);
  const close = () => setAction(null);

  const item = (node: FolderNode) => (
    <li key={node.folder.id}>
      <Group gap={2} wrap="nowrap">
        <NavLink
          component="button"
          type="button"
          label={node.folder.name}
          // The space and the hidden word make the button's name "Auth 3 cases", its visible text included.
          rightSection={
            <Text size="xs" c="dimmed">
              {' '}
              {node.totalCases}
              <VisuallyHidden>{node.totalCases === 1 ? ' case' : ' cases'}</VisuallyHidden>
            </Text>
          }
          active={selected === node.folder.id}
          aria-current={selected === node.folder.id ? 'true' : undefined}
          onClick={() => onSelect(node.folder.id)}
          style={{ flex: 1 }}
        />
        {canModify && <FolderMenu folder={node.folder} onAction={setAction} />}
      </Group>
      {node.children.length > 0 && <ul className={classes.list}>{node.children.map(item)}</ul>}
    </li>
  );

  return (
    <Stack gap="xs" component="nav" aria-label="Folders">
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600} size="sm">
          Folders
        </Text>
        {canModify && (
          <ActionIcon variant="subtle" aria-label="New folder" onClick={() => setAction({ kind: 'create', parent: null })}>
            <PlusIcon />
          </ActionIcon>
        )}
      </Group>
      <ul className={classes.list}>
        <li>
          <NavLink
            component="button"
            type="button"
            label="All cases"
            active={selected === 'all'}
            aria-current={selected === 'all' ? 'true' : undefined}
            onClick={() => onSelect('all')}
          />
        </li>
        <li>
          <NavLink
            component="button"
            type="button"
            label="Unfiled"
            description="In no folder"
            active={selected === 'unfiled'}
            aria-current={selected === 'unfiled' ? 'true' : undefined}
            onClick={() => onSelect('unfiled')}
          />
        </li>
        {tree.map(item)}
      </ul>
      {folders.length === 0 && (
        <Text size="xs" c="dimmed">
          {canModify ? 'No folder yet: add one with +, then move cases into it.' : 'No folder yet.'}
        </Text>
      )}

      {action?.kind === 'create' && (
        <FolderNameModal projectId={projectId} parent={action.parent} onClose={close} onCreated={(folder) => onSelect(folder.id)} />
      )}
      {action?.kind === 'rename' && <FolderNameModal projectId={projectId} folder={action.folder} onClose={close} />}
      {action?.kind === 'move' && <MoveFolderModal projectId={projectId} folder={action.folder} folders={folders} onClose={close} />}
      {action?.kind === 'delete' && (
        <DeleteFolderModal
          projectId={projectId}
          folder={action.folder}
          folders={folders}
          onClose={close}
          onDeleted={() => selected === action.folder.id && onSelect(action.folder.parentId ?? 'all')}
        />
      )}
    </Stack>
  );
}

function FolderMenu({ folder, onAction }: { folder: Folder; onAction: (action: FolderAction) => void }) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for folder ${folder.name}`}>
          <Text size="sm" fw={700} aria-hidden>
            ⋯
          </Text>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => onAction({ kind: 'create', parent: folder })}>New subfolder</Menu.Item>
        <Menu.Item onClick={() => onAction({ kind: 'rename', folder })}>Rename</Menu.Item>
        <Menu.Item onClick={() => onAction({ kind: 'move', folder })}>Move…</Menu.Item>
        <Menu.Item color="red" onClick={() => onAction({ kind: 'delete', folder })}>
          Delete…
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
