import { NumberInput, Select, Stack, TagsInput } from '@mantine/core';
import type { CaseContent, Folder, Person, TestCase } from '../api/types';
import { isCaseStatus, isPriority, PRIORITY_OPTIONS, STATUS_OPTIONS } from '../caseFields';
import { folderOptions } from '../folderTree';
import { LABEL_SUGGESTIONS, labelFilter, type LabelSuggestions } from '../labels';

interface CaseFieldsPanelProps {
  content: CaseContent;
  onChange: (change: Partial<CaseContent>) => void;
  readOnly: boolean;
  folders: Folder[];
  people: Person[];
  /** The owner as the server names them, in case they are no longer among the people (disabled). */
  owner: TestCase['owner'];
  /** The project's labels in use, suggested as one types a label. */
  labelSuggestions: LabelSuggestions;
}

/** The case's attributes beside its steps: status, priority, owner, estimate, folder, labels and components. */
export function CaseFieldsPanel({ content, onChange, readOnly, folders, people, owner, labelSuggestions }: CaseFieldsPanelProps) {
  const ownerChoices = people.map((person) => ({ value: String(person.id), label: person.displayName }));
  if (content.ownerId !== null && !people.some((person) => person.id === content.ownerId)) {
    ownerChoices.push({ value: String(content.ownerId), label: owner?.id === content.ownerId ? owner.name : `User ${content.ownerId}` });
  }
  return (
    <Stack gap="sm">
      <Select
        label="Status"
        data={STATUS_OPTIONS}
        value={content.status}
        onChange={(status) => isCaseStatus(status) && onChange({ status })}
        allowDeselect={false}
        readOnly={readOnly}
      />
      <Select
        label="Priority"
        data={PRIORITY_OPTIONS}
        value={content.priority}
        onChange={(priority) => isPriority(priority) && onChange({ priority })}
        allowDeselect={false}
        readOnly={readOnly}
      />
      <Select
        label="Owner"
        placeholder="Nobody"
        data={ownerChoices}
        value={content.ownerId === null ? null : String(content.ownerId)}
        onChange={(ownerId) => onChange({ ownerId: ownerId ? Number(ownerId) : null })}
        clearable
        searchable
        readOnly={readOnly}
      />
      <NumberInput
        label="Estimate (minutes)"
        value={content.estimateMinutes ?? ''}
        onChange={(value) => onChange({ estimateMinutes: typeof value === 'number' ? value : null })}
        min={0}
        max={99_999}
        allowDecimal={false}
        allowNegative={false}
        readOnly={readOnly}
      />
      <Select
        label="Folder"
        placeholder="No folder"
        data={folderOptions(folders)}
        value={content.folderId === null ? null : String(content.folderId)}
        onChange={(folderId) => onChange({ folderId: folderId ? Number(folderId) : null })}
        clearable
        searchable
        readOnly={readOnly}
      />
      <TagsInput
        label="Labels"
        description="Enter or comma after each"
        data={labelSuggestions.labels}
        filter={labelFilter}
        limit={LABEL_SUGGESTIONS}
        renderOption={labelSuggestions.renderOption}
        value={content.labels}
        onChange={(labels) => onChange({ labels })}
        splitChars={[',', ';']}
        maxTags={30}
        readOnly={readOnly}
      />
      <TagsInput
        label="Components"
        value={content.components}
        onChange={(components) => onChange({ components })}
        splitChars={[',', ';']}
        maxTags={30}
        readOnly={readOnly}
      />
    </Stack>
  );
}
