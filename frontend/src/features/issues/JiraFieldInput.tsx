import { MultiSelect, NumberInput, Select, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import type { ReactNode } from 'react';
import type { FieldValue, JiraField } from './api';
import { fieldKind, mustFill } from './jiraFields';
import { JiraUserPicker } from './JiraUserPicker';

interface JiraFieldInputProps {
  field: JiraField;
  instanceId: number;
  jiraProject: string;
  value: FieldValue | undefined;
  onChange: (value: FieldValue) => void;
  error?: ReactNode;
}

/** One Jira field of the create dialog, rendered from Jira's create metadata. */
export function JiraFieldInput({ field, instanceId, jiraProject, value, onChange, error }: JiraFieldInputProps) {
  const kind = fieldKind(field);
  const required = mustFill(field);
  const common = { label: field.name, withAsterisk: required, error, placeholder: field.hasDefaultValue ? 'Jira’s default' : undefined };
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  const list = Array.isArray(value) ? value : [];
  const choices = (field.allowedValues ?? []).map((choice) => ({ value: choice.id ?? '', label: choice.label ?? choice.id ?? '' }));

  switch (kind) {
    case 'text':
      return <TextInput {...common} value={text} onChange={(event) => onChange(event.currentTarget.value)} />;
    case 'textarea':
      return (
        <Textarea
          {...common}
          description={field.richText ? 'Rich text in Jira: each line becomes a paragraph.' : undefined}
          autosize
          minRows={2}
          value={text}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' || typeof value === 'string' ? value : ''}
          onChange={(next) => onChange(next)}
        />
      );
    case 'date':
      return <TextInput {...common} type="date" value={text} onChange={(event) => onChange(event.currentTarget.value)} />;
    case 'datetime':
      return <TextInput {...common} type="datetime-local" value={text.slice(0, 16)} onChange={(event) => onChange(event.currentTarget.value)} />;
    case 'select':
      return (
        <Select {...common} data={choices} value={text || null} onChange={(next) => onChange(next ?? '')} clearable={!required} searchable={choices.length > 8} />
      );
    case 'multiselect':
      return <MultiSelect {...common} data={choices} value={list} onChange={onChange} searchable={choices.length > 8} />;
    case 'labels':
      return (
        <TagsInput
          {...common}
          description="Press Enter after each label; labels have no spaces"
          value={list}
          onChange={(labels) => onChange(labels.map((label) => label.trim().replace(/\s+/g, '_')).filter(Boolean))}
        />
      );
    case 'user':
    case 'users':
      return (
        <JiraUserPicker
          instanceId={instanceId}
          jiraProject={jiraProject}
          label={field.name}
          required={required}
          error={error}
          multiple={kind === 'users'}
          value={kind === 'users' ? list : text}
          onChange={onChange}
        />
      );
    case 'unsupported':
      return (
        <Text size="sm" c={required ? 'orange' : 'dimmed'} role={required ? 'alert' : undefined}>
          {field.name}
          {required ? ' is required by Jira, but' : ''} cannot be filled in from Testbridge ({field.type}).
          {error ? <> {error}</> : null}
        </Text>
      );
  }
}
