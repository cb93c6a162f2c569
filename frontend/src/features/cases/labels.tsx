import { Group, Text, type ComboboxItem, type ComboboxParsedItem, type OptionsFilter } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { caseLabelsQuery } from './api/labels';
import { countOf } from './caseFields';

// Suggestions of the labels in use, for the label filter and the label inputs (editor, bulk bar).

function isItem(option: ComboboxParsedItem): option is ComboboxItem {
  return 'value' in option;
}

/** The labels that start with what is typed, then those that contain it; case does not matter. */
export const labelFilter: OptionsFilter = ({ options, search, limit }) => {
  const items = options.filter(isItem);
  const typed = search.trim().toLowerCase();
  if (!typed) return items.slice(0, limit);
  const starting = items.filter((item) => item.label.toLowerCase().startsWith(typed));
  const containing = items.filter((item) => !item.label.toLowerCase().startsWith(typed) && item.label.toLowerCase().includes(typed));
  return [...starting, ...containing].slice(0, limit);
};

/** How many suggestions show at a time. */
export const LABEL_SUGGESTIONS = 20;

export interface LabelSuggestions {
  /** The labels in use, by name. */
  labels: string[];
  /** An option of a label input: the label and its number of cases. */
  renderOption: (input: { option: { value: string } }) => React.ReactNode;
}

/** The project's labels in use (asked for while `enabled`), and how an option shows one ("smoke  3 cases"). */
export function useLabelSuggestions(projectId: number, enabled = true): LabelSuggestions {
  const labels = useQuery({ ...caseLabelsQuery(projectId), enabled });
  const counts = new Map((labels.data ?? []).map((item) => [item.label, item.cases]));
  return {
    labels: (labels.data ?? []).map((item) => item.label),
    renderOption: ({ option }) => (
      <Group gap="sm" justify="space-between" wrap="nowrap" w="100%">
        <span>{option.value}</span>
        {counts.has(option.value) && (
          <Text span size="xs" c="dimmed">
            {countOf(counts.get(option.value)!, 'case')}
          </Text>
        )}
      </Group>
    ),
  };
}
