import type { FieldValue, JiraField } from './api';

// How Jira's create metadata becomes form inputs, and form values the values the server accepts
// (see FieldValues in the OpenAPI document): text, a number, an option id, a list of ids or labels.

/** Fields the dialog has inputs of its own for (or that Jira fills itself). */
export const HANDLED_BY_DIALOG: ReadonlySet<string> = new Set(['summary', 'description', 'project', 'issuetype', 'reporter']);

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'date'
  | 'datetime'
  | 'select'
  | 'multiselect'
  | 'labels'
  | 'user'
  | 'users'
  | 'unsupported';

const SINGLE_CHOICE = new Set(['option', 'priority', 'resolution', 'securitylevel', 'version', 'component', 'option-with-child']);
const MULTI_CHOICE = new Set(['option', 'component', 'version']);

export function fieldKind(field: JiraField): FieldKind {
  const hasChoices = (field.allowedValues?.length ?? 0) > 0;
  switch (field.type) {
    case 'string':
      return field.system === 'environment' || (field.custom ?? '').endsWith(':textarea') ? 'textarea' : 'text';
    case 'any':
      return 'text';
    case 'number':
      return 'number';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'user':
      return 'user';
    case 'array':
      if (field.itemsType === 'string') return 'labels';
      if (field.itemsType === 'user') return 'users';
      return MULTI_CHOICE.has(field.itemsType ?? '') && hasChoices ? 'multiselect' : 'unsupported';
    default:
      return SINGLE_CHOICE.has(field.type) && hasChoices ? 'select' : 'unsupported';
  }
}

/** Required and without a default: the tester has to fill it (a default lets Jira fill it). */
export function mustFill(field: JiraField): boolean {
  return field.required && !field.hasDefaultValue;
}

export function emptyValue(kind: FieldKind): FieldValue {
  return kind === 'multiselect' || kind === 'labels' || kind === 'users' ? [] : '';
}

export function isBlank(value: FieldValue | null | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'string' && value.trim() === '';
}

/** The form path of a field Jira named in an error: the dialog's own inputs, or one of `fields`. */
export function fieldPath(fieldId: string): string {
  return fieldId === 'summary' || fieldId === 'description' ? fieldId : `fields.${fieldId}`;
}

/** `2026-11-28T14:05` (a datetime-local input) as Jira wants it: `2026-11-28T14:05:00.000+0100`. */
export function toJiraDateTime(local: string): string {
  const date = new Date(local);
  if (Number.isNaN(date.getTime())) return local;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  return `${local.slice(0, 16)}:00.000${sign}${pad(Math.trunc(offset / 60))}${pad(offset % 60)}`;
}

/** The value to send for a field, or undefined when there is nothing to send. */
export function toRequestValue(kind: FieldKind, value: FieldValue | null | undefined): FieldValue | undefined {
  if (isBlank(value) || value === null || value === undefined) return undefined;
  switch (kind) {
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'datetime':
      return toJiraDateTime(String(value));
    case 'text':
    case 'date':
    case 'select':
    case 'user':
      return String(value).trim();
    default:
      return value;
  }
}

/** The values kept in a draft (`Issue.fields`), back into the form. */
export function storedFieldValues(stored: unknown): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  if (typeof stored !== 'object' || stored === null) return values;
  for (const [fieldId, value] of Object.entries(stored)) {
    if (Array.isArray(value)) values[fieldId] = value.map(String);
    else if (typeof value === 'string' || typeof value === 'number') values[fieldId] = value;
  }
  return values;
}

/** Jira's errors of a failed draft, by field id (`lastError.fields`). */
export function storedFieldErrors(lastError: { fields?: unknown } | null | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  const stored = lastError?.fields;
  if (typeof stored !== 'object' || stored === null) return errors;
  for (const [fieldId, message] of Object.entries(stored)) {
    if (typeof message === 'string') errors[fieldId] = message;
  }
  return errors;
}

/** The `fields` of a request: the filled-in values of the fields this issue type has. */
export function requestFields(meta: readonly JiraField[], values: Record<string, FieldValue | undefined>): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  for (const field of meta) {
    if (HANDLED_BY_DIALOG.has(field.fieldId)) continue;
    const kind = fieldKind(field);
    if (kind === 'unsupported') continue;
    const value = toRequestValue(kind, values[field.fieldId]);
    if (value !== undefined) fields[field.fieldId] = value;
  }
  return fields;
}

/** The client-side checks of the Jira fields: required ones filled, numbers numeric. */
export function fieldErrors(meta: readonly JiraField[], values: Record<string, FieldValue | undefined>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of meta) {
    if (HANDLED_BY_DIALOG.has(field.fieldId)) continue;
    const kind = fieldKind(field);
    if (kind === 'unsupported') continue;
    const value = values[field.fieldId];
    if (isBlank(value)) {
      if (mustFill(field)) errors[fieldPath(field.fieldId)] = `${field.name} is required`;
    } else if (kind === 'number' && !Number.isFinite(Number(value))) {
      errors[fieldPath(field.fieldId)] = `${field.name} must be a number`;
    }
  }
  return errors;
}
