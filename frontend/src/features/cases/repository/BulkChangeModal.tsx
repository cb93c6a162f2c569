import { Button, Group, Select, Stack, TagsInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Modal } from '../../../components/dialogs';
import { bulkEditCases, type BulkChange } from '../api/cases';
import { foldersQuery } from '../api/folders';
import { peopleQuery } from '../api/people';
import { countOf } from '../caseFields';
import { folderOptions } from '../folderTree';
import { LABEL_SUGGESTIONS, labelFilter, useLabelSuggestions } from '../labels';
import { useBulkAction } from './useBulkAction';

export type BulkChangeKind = 'labels' | 'owner' | 'folder';

const TITLES: Record<BulkChangeKind, string> = { labels: 'Add or remove labels', owner: 'Set the owner', folder: 'Move to folder' };
// Select values for "no owner" and "no folder" (a Select value is a string).
const NOBODY = 'nobody';

interface BulkChangeModalProps {
  kind: BulkChangeKind;
  projectId: number;
  caseIds: number[];
  onClose: () => void;
  onDone: () => void;
}

/** Labels, owner or folder of the selected cases, changed in one request (each case gets a version). */
export function BulkChangeModal({ kind, projectId, caseIds, onClose, onDone }: BulkChangeModalProps) {
  const people = useQuery({ ...peopleQuery, enabled: kind === 'owner' });
  const folders = useQuery({ ...foldersQuery(projectId), enabled: kind === 'folder' });
  const { labels, renderOption } = useLabelSuggestions(projectId, kind === 'labels');
  const suggestions = { data: labels, filter: labelFilter, limit: LABEL_SUGGESTIONS, renderOption };
  const [addLabels, setAddLabels] = useState<string[]>([]);
  const [removeLabels, setRemoveLabels] = useState<string[]>([]);
  const [choice, setChoice] = useState<string | null>(null);

  const change = (): BulkChange => {
    if (kind === 'labels') return { addLabels, removeLabels };
    const id = choice === NOBODY || choice === null ? null : Number(choice);
    return kind === 'owner' ? { ownerId: id } : { folderId: id };
  };
  const save = useBulkAction(
    projectId,
    () => bulkEditCases(projectId, caseIds, change()),
    (updated) => `Changed ${countOf(updated, 'case')}.`,
    () => {
      onDone();
      onClose();
    },
  );
  const ready = kind === 'labels' ? addLabels.length + removeLabels.length > 0 : choice !== null;

  return (
    <Modal opened onClose={onClose} title={`${TITLES[kind]} of ${countOf(caseIds.length, 'case')}`}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) save.mutate();
        }}
      >
        <Stack>
          {kind === 'labels' && (
            <>
              <TagsInput
                label="Add labels"
                description="Enter or comma after each"
                {...suggestions}
                value={addLabels}
                onChange={setAddLabels}
                splitChars={[',', ';']}
                data-autofocus
              />
              <TagsInput label="Remove labels" {...suggestions} value={removeLabels} onChange={setRemoveLabels} splitChars={[',', ';']} />
            </>
          )}
          {kind === 'owner' && (
            <Select
              label="Owner"
              placeholder="Choose a person"
              data={[{ value: NOBODY, label: 'Nobody' }, ...(people.data ?? []).map((person) => ({ value: String(person.id), label: person.displayName }))]}
              value={choice}
              onChange={setChoice}
              searchable
              data-autofocus
            />
          )}
          {kind === 'folder' && (
            <Select
              label="Folder"
              placeholder="Choose a folder"
              data={[{ value: NOBODY, label: 'No folder (unfiled)' }, ...folderOptions(folders.data ?? [])]}
              value={choice}
              onChange={setChoice}
              searchable
              data-autofocus
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!ready}>
              {kind === 'folder' ? 'Move' : 'Apply'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
