import { ActionIcon, Group, Menu, Stack, Text } from '@mantine/core';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { ChevronRightIcon, DotsIcon, PlusIcon } from '../../../components/icons';
import type { Folder } from '../api/types';
import { countOf } from '../caseFields';
import { buildFolderTree, folderNames, type FolderNode } from '../folderTree';
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

/** One row of the tree as it shows now (its ancestors expanded), in reading order. */
interface Row {
  key: string;
  choice: FolderChoice;
  /** What it shows: the folder's name, "All cases", "Unfiled". */
  text: string;
  /** Its accessible name: with the path where names repeat, and the count. */
  name: string;
  node?: FolderNode;
  parentKey?: string;
  level: number;
  /** Its place among its siblings (aria-posinset of aria-setsize). */
  position: number;
  siblings: number;
}

const keyOf = (choice: FolderChoice) => (typeof choice === 'number' ? `folder-${choice}` : choice);

/**
 * All cases, Unfiled, and the project's folders nested, each with its case count: a tree (WAI-ARIA
 * tree view) with one Tab stop. ↑/↓ move, → opens a folder or goes into it, ← closes it or goes
 * to its parent, Home/End, a letter goes to the next item starting with it; Enter or Space lists
 * the item's cases. With the right, Shift+F10 (or the context menu key, or right-click) opens the
 * focused folder's actions, as its ⋯ button does.
 */
export function FolderTree({ projectId, folders, selected, onSelect, canModify }: FolderTreeProps) {
  const headingId = useId();
  const hintId = useId();
  const [action, setAction] = useState<FolderAction | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(new Set());
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [menuFor, setMenuFor] = useState<number | null>(null);
  const items = useRef(new Map<string, HTMLLIElement>());
  // Where focus goes once a dialog opened from the tree has closed (and the tree is rendered again).
  const focusAfterDialog = useRef<string | null>(null);
  const tree = buildFolderTree(folders);
  const names = folderNames(folders);

  // The names hold what the row shows, in its order ("Auth 3" → "Auth, 3 cases"): WCAG 2.5.3.
  const topLevel = tree.length + 2;
  const rows: Row[] = [
    { key: 'all', choice: 'all', text: 'All cases', name: 'All cases', level: 1, position: 1, siblings: topLevel },
    { key: 'unfiled', choice: 'unfiled', text: 'Unfiled', name: 'Unfiled, in no folder', level: 1, position: 2, siblings: topLevel },
  ];
  const addRows = (nodes: FolderNode[], level: number, parentKey?: string) => {
    nodes.forEach((node, index) => {
      const key = keyOf(node.folder.id);
      const name = `${names.get(node.folder.id)}, ${countOf(node.totalCases, 'case')}`;
      const position = level === 1 ? index + 3 : index + 1;
      rows.push({ key, choice: node.folder.id, text: node.folder.name, name, node, parentKey, level, position, siblings: level === 1 ? topLevel : nodes.length });
      if (node.children.length > 0 && !collapsed.has(node.folder.id)) addRows(node.children, level + 1, key);
    });
  };
  addRows(tree, 1);
  // The one item in the Tab order: the last focused, else the selected one, else the first.
  const tabStop = [focusKey, keyOf(selected)].find((key) => rows.some((row) => row.key === key)) ?? 'all';

  const focusRow = (key: string) => {
    setFocusKey(key);
    items.current.get(key)?.focus();
  };
  const setExpanded = (folderId: number, expanded: boolean) =>
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (expanded) next.delete(folderId);
      else next.add(folderId);
      return next;
    });

  useEffect(() => {
    if (action !== null || focusAfterDialog.current === null) return;
    const key = focusAfterDialog.current;
    focusAfterDialog.current = null;
    // A deleted folder is gone: its parent, or the tree's Tab stop.
    (items.current.get(key) ?? items.current.get(tabStop))?.focus();
  });
  const startAction = (next: FolderAction, fromKey: string) => {
    focusAfterDialog.current = next.kind === 'delete' ? (next.folder.parentId === null ? 'all' : keyOf(next.folder.parentId)) : fromKey;
    setAction(next);
  };
  const close = () => setAction(null);

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>, row: Row, index: number) => {
    // Keys in the folder's menu button or a nested item are theirs.
    if (event.target !== event.currentTarget) return;
    const node = row.node;
    const expandable = node !== undefined && node.children.length > 0;
    const expanded = expandable && !collapsed.has(node.folder.id);
    const go = (target: Row | undefined) => target && focusRow(target.key);
    let handled = true;
    if (event.key === 'ArrowDown') go(rows[index + 1]);
    else if (event.key === 'ArrowUp') go(rows[index - 1]);
    else if (event.key === 'Home') go(rows[0]);
    else if (event.key === 'End') go(rows.at(-1));
    else if (event.key === 'ArrowRight') {
      if (expandable && !expanded) setExpanded(node.folder.id, true);
      else if (expanded) go(rows[index + 1]);
    } else if (event.key === 'ArrowLeft') {
      if (expanded) setExpanded(node.folder.id, false);
      else if (row.parentKey) focusRow(row.parentKey);
    } else if (event.key === 'Enter' || event.key === ' ') onSelect(row.choice);
    else if ((event.key === 'F10' && event.shiftKey) || event.key === 'ContextMenu') {
      if (node && canModify) setMenuFor(node.folder.id);
    } else if (event.key.length === 1 && /\S/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // Type-ahead: the next item whose text starts with the letter, round the end.
      const letter = event.key.toLowerCase();
      go([...rows.slice(index + 1), ...rows.slice(0, index)].find((candidate) => candidate.text.toLowerCase().startsWith(letter)));
    } else handled = false;
    if (handled) event.preventDefault();
  };

  const item = (row: Row, index: number): ReactNode => {
    const node = row.node;
    const expandable = node !== undefined && node.children.length > 0;
    const expanded = expandable && !collapsed.has(node.folder.id);
    const isSelected = keyOf(selected) === row.key;
    const openMenu = (event: MouseEvent) => {
      if (!node || !canModify) return;
      event.preventDefault();
      focusRow(row.key);
      setMenuFor(node.folder.id);
    };
    return (
      <li
        key={row.key}
        ref={(element) => {
          if (element) items.current.set(row.key, element);
          else items.current.delete(row.key);
        }}
        role="treeitem"
        aria-label={row.name}
        aria-level={row.level}
        aria-posinset={row.position}
        aria-setsize={row.siblings}
        aria-selected={isSelected}
        aria-expanded={expandable ? expanded : undefined}
        tabIndex={row.key === tabStop ? 0 : -1}
        className={classes.item}
        onFocus={(event) => event.target === event.currentTarget && setFocusKey(row.key)}
        onKeyDown={(event) => onKeyDown(event, row, index)}
        onClick={(event) => {
          // Not a click in the menu (whose events come through its portal).
          if (!(event.target instanceof Element) || event.target.closest('[role="treeitem"]') !== event.currentTarget) return;
          focusRow(row.key);
          onSelect(row.choice);
        }}
      >
        <div
          className={classes.row}
          data-selected={isSelected || undefined}
          style={{ paddingInlineStart: `calc(${row.level - 1} * var(--mantine-spacing-md) + 4px)` }}
          onContextMenu={openMenu}
        >
          <span
            className={classes.toggle}
            data-expanded={expanded || undefined}
            aria-hidden
            onClick={(event) => {
              if (!expandable) return;
              event.stopPropagation();
              focusRow(row.key);
              setExpanded(node.folder.id, !expanded);
            }}
          >
            {expandable && <ChevronRightIcon size={14} />}
          </span>
          <span className={classes.label}>{row.text}</span>
          {/* Spaces between the words (a flex row shows none): the text reads "Auth 3", as the name says. */}{' '}
          {row.key === 'unfiled' && (
            <Text span size="xs" c="dimmed" className={classes.note}>
              In no folder
            </Text>
          )}
          {node && (
            <Text span size="xs" c="dimmed" className={classes.count}>
              {node.totalCases}
            </Text>
          )}{' '}
          {node && canModify && (
            <FolderMenu
              folder={node.folder}
              name={names.get(node.folder.id) ?? node.folder.name}
              opened={menuFor === node.folder.id}
              onChange={(opened) => setMenuFor(opened ? node.folder.id : null)}
              onAction={(next) => startAction(next, row.key)}
            />
          )}
        </div>
      </li>
    );
  };

  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600} size="sm" id={headingId}>
          Folders
        </Text>
        {canModify && (
          <ActionIcon variant="subtle" aria-label="New folder" onClick={() => setAction({ kind: 'create', parent: null })}>
            <PlusIcon />
          </ActionIcon>
        )}
      </Group>
      <ul role="tree" aria-labelledby={headingId} aria-describedby={folders.length > 0 && canModify ? hintId : undefined} className={classes.list}>
        {/* One flat list, the nesting told by aria-level: each item then holds only its own row. */}
        {rows.map(item)}
      </ul>
      {folders.length === 0 && (
        <Text size="xs" c="dimmed">
          {canModify ? 'No folder yet: add one with +, then move cases into it.' : 'No folder yet.'}
        </Text>
      )}
      {folders.length > 0 && canModify && (
        <Text size="xs" c="dimmed" id={hintId}>
          A folder’s actions: its ⋯ button, right-click, or Shift+F10.
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

interface FolderMenuProps {
  folder: Folder;
  /** The folder's name, with its path where names repeat. */
  name: string;
  opened: boolean;
  onChange: (opened: boolean) => void;
  onAction: (action: FolderAction) => void;
}

/**
 * The ⋯ menu of a folder. Its button is for the pointer (out of the Tab order, like everything
 * inside a tree item); the keyboard opens the menu from the item, and Mantine gives focus back
 * to whatever had it when the menu opened.
 */
function FolderMenu({ folder, name, opened, onChange, onAction }: FolderMenuProps) {
  return (
    <Menu position="bottom-end" withinPortal opened={opened} onChange={onChange}>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          tabIndex={-1}
          aria-label={`Actions for folder ${name}`}
          // The row beneath selects the folder on a click; the button only opens its menu.
          onClick={(event) => event.stopPropagation()}
          className={classes.menuButton}
        >
          <DotsIcon size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown aria-label={`Actions for folder ${name}`}>
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
