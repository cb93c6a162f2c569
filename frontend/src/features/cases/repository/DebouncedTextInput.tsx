import { TextInput, type TextInputProps } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';

type DebouncedTextInputProps = Omit<TextInputProps, 'value' | 'onChange'> & {
  value: string;
  /** Called once typing pauses (or on Enter), not on every key. */
  onChange: (value: string) => void;
};

/** A text filter: it answers every key at once, and tells the list only when typing pauses. */
export function DebouncedTextInput({ value, onChange, ...props }: DebouncedTextInputProps) {
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

  return (
    <TextInput
      {...props}
      value={draft}
      onChange={(event) => {
        setDraft(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit.flush();
      }}
    />
  );
}
