import { describe, expect, it } from 'vitest';
import type { JiraField } from './api';
import { fieldErrors, fieldKind, fieldPath, requestFields, storedFieldErrors, storedFieldValues, toJiraDateTime } from './jiraFields';

function aField(overrides: Partial<JiraField>): JiraField {
  return { fieldId: 'customfield_1', name: 'Field', required: false, type: 'string', hasDefaultValue: false, ...overrides };
}

const severity = aField({
  fieldId: 'customfield_10010',
  name: 'Severity',
  required: true,
  type: 'option',
  custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select',
  allowedValues: [
    { id: '10100', label: 'Critical' },
    { id: '10101', label: 'Major' },
  ],
});
const foundIn = aField({ fieldId: 'customfield_10011', name: 'Found in build', required: true, type: 'string' });
const priority = aField({ fieldId: 'priority', name: 'Priority', required: true, hasDefaultValue: true, type: 'priority', system: 'priority', allowedValues: [{ id: '3', label: 'Medium' }] });
const labels = aField({ fieldId: 'labels', name: 'Labels', type: 'array', itemsType: 'string', system: 'labels' });
const components = aField({ fieldId: 'components', name: 'Components', type: 'array', itemsType: 'component', allowedValues: [{ id: '10000', label: 'Backend' }] });
const storyPoints = aField({ fieldId: 'customfield_10016', name: 'Story points', type: 'number' });
const summary = aField({ fieldId: 'summary', name: 'Summary', required: true });

describe('fieldKind', () => {
  it('renders each Jira field type with a fitting input', () => {
    expect(fieldKind(severity)).toBe('select');
    expect(fieldKind(foundIn)).toBe('text');
    expect(fieldKind(priority)).toBe('select');
    expect(fieldKind(labels)).toBe('labels');
    expect(fieldKind(components)).toBe('multiselect');
    expect(fieldKind(storyPoints)).toBe('number');
    expect(fieldKind(aField({ type: 'date' }))).toBe('date');
    expect(fieldKind(aField({ type: 'datetime' }))).toBe('datetime');
    expect(fieldKind(aField({ type: 'user', system: 'assignee' }))).toBe('user');
    expect(fieldKind(aField({ type: 'array', itemsType: 'user' }))).toBe('users');
    expect(fieldKind(aField({ type: 'array', itemsType: 'version', allowedValues: [{ id: '1', label: '1.0' }] }))).toBe('multiselect');
    expect(fieldKind(aField({ type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textarea' }))).toBe('textarea');
  });

  it('admits what it cannot fill', () => {
    expect(fieldKind(aField({ type: 'array', itemsType: 'attachment' }))).toBe('unsupported');
    expect(fieldKind(aField({ type: 'timetracking' }))).toBe('unsupported');
    expect(fieldKind(aField({ type: 'option', allowedValues: [] }))).toBe('unsupported');
  });
});

describe('requestFields', () => {
  it('sends the filled-in values as the server takes them, and nothing for blank ones', () => {
    const fields = requestFields([summary, severity, foundIn, priority, labels, components, storyPoints], {
      summary: 'ignored: the dialog sends it',
      customfield_10010: '10101',
      customfield_10011: ' 2026.3.1 ',
      priority: '',
      labels: ['checkout', 'regression'],
      components: [],
      customfield_10016: '5',
      customfield_99999: 'not a field of this type',
    });
    expect(fields).toEqual({
      customfield_10010: '10101',
      customfield_10011: '2026.3.1',
      labels: ['checkout', 'regression'],
      customfield_10016: 5,
    });
  });

  it('writes a date and time with the local offset, as Jira wants it', () => {
    expect(toJiraDateTime('2026-11-28T14:05')).toMatch(/^2026-11-28T14:05:00\.000[+-]\d{4}$/);
  });
});

describe('fieldErrors', () => {
  it('asks for every required field without a default', () => {
    expect(fieldErrors([summary, severity, foundIn, priority], { customfield_10011: '  ' })).toEqual({
      'fields.customfield_10010': 'Severity is required',
      'fields.customfield_10011': 'Found in build is required',
    });
  });

  it('wants numbers in number fields', () => {
    expect(fieldErrors([storyPoints], { customfield_10016: 'five' })).toEqual({
      'fields.customfield_10016': 'Story points must be a number',
    });
  });
});

describe('drafts', () => {
  it('reads back the values and Jira errors a draft kept', () => {
    expect(storedFieldValues({ customfield_10010: '10100', labels: ['a'], customfield_10016: 3, junk: { x: 1 } })).toEqual({
      customfield_10010: '10100',
      labels: ['a'],
      customfield_10016: 3,
    });
    expect(storedFieldErrors({ fields: { customfield_10010: 'Severity is required.' } })).toEqual({
      customfield_10010: 'Severity is required.',
    });
    expect(storedFieldErrors(null)).toEqual({});
    expect(fieldPath('summary')).toBe('summary');
    expect(fieldPath('customfield_10010')).toBe('fields.customfield_10010');
  });
});
