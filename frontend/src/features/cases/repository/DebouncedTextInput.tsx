import { TextInput, type TextInputProps } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';

type DebouncedTextInputProps = Omit<TextInputProps, 'value' | 'onChange'> & {
  value: string;
  /** Called once typing pauses (or on Enter), not on every key. */
  onChange: (value: string) => void;
};

/**
 * What a text filter shows (`draft`, every key at once) and what it has told the list (`value`,
 * once typing pauses): `type` for each key, `commitNow` for Enter or a chosen suggestion.
 */
function useDebouncedDraft(value: string, onChange: (value: string) => void) {
  const [draft, setDraft] = useState(value);
  const [committed, setCommitted] = useState(value);
  // The value changed from outside (cleared filters, Back): show it.
  if (value !== committed) {
    setCommitted(value);
    setDraft(value);
  }
  const commit = useDebouncedCallback((next: string) => {
    setCommitted(next);
    onChange(next);
  }, 300);
  return {
    draft,
    type: (next: string) => {
      setDraft(next);
      commit(next);
    },
    commitNow: (next?: string) => {
      if (next !== undefined) {
        setDraft(next);
        commit(next);
      }
      commit.flush();
    },
  };
}

/** A text filter: it answers every key at once, and tells the list only when typing pauses. */
export function DebouncedTextInput({ value, onChange, ...props }: DebouncedTextInputProps) {
  const { draft, type, commitNow } = useDebouncedDraft(value, onChange);
  return (
    <TextInput
      {...props}
      value={draft}
      onChange={(event) => type(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commitNow();
      }}
    />
  );
}
