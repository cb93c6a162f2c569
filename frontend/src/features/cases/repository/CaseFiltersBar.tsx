import { Autocomplete, Button, Group, Select, Switch } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { SearchIcon } from '../../../components/icons';
import { peopleQuery } from '../api/people';
import { isCaseStatus, isPriority, PRIORITY_OPTIONS, STATUS_OPTIONS } from '../caseFields';
import { LABEL_SUGGESTIONS, labelFilter, useLabelSuggestions } from '../labels';
import type { CaseFilters } from './caseFilters';
import { DebouncedTextInput } from './DebouncedTextInput';

interface CaseFiltersBarProps {
  projectId: number;
  filters: CaseFilters;
  onChange: (change: Partial<CaseFilters>) => void;
}

/** Search (text or key), label, status, priority and owner filters, and the switch to the archive. */
export function CaseFiltersBar({ projectId, filters, onChange }: CaseFiltersBarProps) {
  const people = useQuery(peopleQuery);
  const filtered = filters.text || filters.label || filters.status || filters.priority || filters.ownerId !== null;

  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <DebouncedTextInput
        label="Search"
        placeholder="Words or a key (TC-12)"
        leftSection={<SearchIcon size={16} />}
        value={filters.text}
        onChange={(text) => onChange({ text })}
        w={240}
        type="search"
      />
      <LabelFilter projectId={projectId} value={filters.label} onChange={(label) => onChange({ label })} />
      <Select
        label="Status"
        placeholder="Any"
        data={STATUS_OPTIONS}
        value={filters.status}
        onChange={(status) => onChange({ status: isCaseStatus(status) ? status : null })}
        clearable
        w={140}
      />
      <Select
        label="Priority"
        placeholder="Any"
        data={PRIORITY_OPTIONS}
        value={filters.priority}
        onChange={(priority) => onChange({ priority: isPriority(priority) ? priority : null })}
        clearable
        w={130}
      />
      <Select
        label="Owner"
        placeholder="Anyone"
        data={(people.data ?? []).map((person) => ({ value: String(person.id), label: person.displayName }))}
        value={filters.ownerId === null ? null : String(filters.ownerId)}
        onChange={(owner) => onChange({ ownerId: owner ? Number(owner) : null })}
        clearable
        searchable
        w={170}
      />
      {filtered && (
        <Button variant="subtle" onClick={() => onChange({ text: '', label: '', status: null, priority: null, ownerId: null })}>
          Clear filters
        </Button>
      )}
      <Switch
        label="Show archived cases"
        checked={filters.archived}
        onChange={(event) => onChange({ archived: event.currentTarget.checked })}
        ml="auto"
      />
    </Group>
  );
}

/**
 * The label filter: the labels in use are suggested as one types (those starting with it first),
 * each with its number of cases. A label matches whole (the server compares it, case aside), so
 * the list follows a chosen suggestion, Enter or leaving the field, not every pause in typing.
 */
function LabelFilter({ projectId, value, onChange }: { projectId: number; value: string; onChange: (label: string) => void }) {
  const { labels, renderOption } = useLabelSuggestions(projectId);
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  // The value changed from outside (cleared filters, Back): show it.
  if (value !== shown) {
    setShown(value);
    setDraft(value);
  }
  const apply = (label: string) => {
    setDraft(label);
    if (label.trim() !== value.trim()) onChange(label);
  };
  return (
    <Autocomplete
      label="Label"
      placeholder="Any"
      data={labels}
      filter={labelFilter}
      limit={LABEL_SUGGESTIONS}
      renderOption={renderOption}
      value={draft}
      onChange={setDraft}
      onOptionSubmit={apply}
      onKeyDown={(event) => {
        if (event.key === 'Enter') apply(event.currentTarget.value);
      }}
      onBlur={(event) => apply(event.currentTarget.value)}
      onClear={() => apply('')}
      clearable
      clearButtonProps={{ 'aria-label': 'Clear the label filter' }}
      w={180}
    />
  );
}
