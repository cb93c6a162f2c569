import { MultiSelect, Select, type ComboboxItem } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { jiraUsersQuery } from './api';

interface JiraUserPickerProps {
  instanceId: number;
  jiraProject: string;
  label: string;
  required: boolean;
  error?: ReactNode;
  multiple: boolean;
  value: string | string[];
  onChange: (value: string | string[]) => void;
}

// Jira filters the users; the combobox shows what it answers as it is.
const NO_FILTER = ({ options }: { options: unknown[] }) => options as ComboboxItem[];

/**
 * A Jira user field: searches the people who can be assigned in the Jira project (as the tester)
 * while they type; the value is the user's id.
 */
export function JiraUserPicker({ instanceId, jiraProject, label, required, error, multiple, value, onChange }: JiraUserPickerProps) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 250);
  const users = useQuery({ ...jiraUsersQuery(instanceId, jiraProject, query), enabled: query.length > 0 && jiraProject !== '' });
  // The names of the users picked so far, so that they stay readable when the results change.
  const [names, setNames] = useState<Record<string, string>>({});

  const selected = Array.isArray(value) ? value : value ? [value] : [];
  const found = users.data ?? [];
  const data = [
    ...selected.map((id) => ({ value: id, label: names[id] ?? id })),
    ...found.filter((user) => !selected.includes(user.id)).map((user) => ({ value: user.id, label: user.displayName })),
  ];
  const remember = (ids: string[]) => {
    const picked = found.filter((user) => ids.includes(user.id));
    if (picked.length > 0) setNames((current) => ({ ...current, ...Object.fromEntries(picked.map((user) => [user.id, user.displayName])) }));
  };
  const common = {
    label,
    withAsterisk: required,
    error,
    data,
    searchable: true,
    filter: NO_FILTER,
    description: 'Type a name to search Jira’s users',
    nothingFoundMessage: query ? (users.isFetching ? 'Searching…' : 'No Jira user matches') : 'Type to search',
  };

  if (multiple) {
    return (
      <MultiSelect
        {...common}
        value={selected}
        searchValue={search}
        onSearchChange={setSearch}
        onChange={(ids) => {
          remember(ids);
          onChange(ids);
        }}
      />
    );
  }
  return (
    <Select
      {...common}
      clearable
      value={selected[0] ?? null}
      onSearchChange={setSearch}
      onChange={(id) => {
        if (id) remember([id]);
        onChange(id ?? '');
      }}
    />
  );
}
