import { afterEach, describe, expect, it } from 'vitest';
import { BUG_FIELDS } from '../../test/projectFixtures';
import type { JiraField } from './api';
import { defaultIssueType, hintedFieldValues, rememberIssueType } from './CreateIssueDialog.defaults';

const ENVIRONMENT: JiraField = { fieldId: 'environment', name: 'Environment', required: false, type: 'string', system: 'environment', hasDefaultValue: false };
const TEST_ENV: JiraField = {
  fieldId: 'customfield_10020',
  name: 'Test environment',
  required: false,
  type: 'string',
  custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield',
  hasDefaultValue: false,
};
const FIX_VERSIONS: JiraField = {
  fieldId: 'fixVersions',
  name: 'Fix versions',
  required: false,
  type: 'array',
  itemsType: 'version',
  system: 'fixVersions',
  hasDefaultValue: false,
  allowedValues: [{ id: '1', label: '1.4' }],
};
const META = [...BUG_FIELDS, ENVIRONMENT, TEST_ENV, FIX_VERSIONS];

describe('hintedFieldValues', () => {
  it('fills the empty text fields named like a build or version, and the environment ones', () => {
    expect(hintedFieldValues(META, {}, { build: '1.4.2', environment: 'staging' })).toEqual({
      customfield_10011: '1.4.2', // Found in build
      environment: 'staging', // Jira's own
      customfield_10020: 'staging', // Test environment
    });
  });

  it('fills a multi-line field named like steps to reproduce, never a one-line one', () => {
    const steps: JiraField = {
      fieldId: 'customfield_10012',
      name: 'Steps to reproduce',
      required: true,
      type: 'string',
      custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textarea',
      hasDefaultValue: false,
    };
    const oneLine: JiraField = { ...steps, fieldId: 'customfield_10013', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield' };
    expect(hintedFieldValues([steps, oneLine], {}, { steps: '1. Open.\n2. Save. ← fails here' })).toEqual({
      customfield_10012: '1. Open.\n2. Save. ← fails here',
    });
  });

  it('keeps what is there, and fills nothing with an empty hint', () => {
    expect(hintedFieldValues(META, { customfield_10011: 'main', environment: ' ' }, { build: '1.4.2', environment: '' })).toEqual({});
    expect(hintedFieldValues(META, { environment: 'prod' }, { environment: 'staging' })).toEqual({ customfield_10020: 'staging' });
    expect(hintedFieldValues(META, {}, {})).toEqual({});
  });

  it('leaves fields that are not text alone, whatever their name (versions are chosen, not typed)', () => {
    expect(hintedFieldValues([FIX_VERSIONS], {}, { build: '1.4.2' })).toEqual({});
  });
});

describe('defaultIssueType', () => {
  afterEach(() => localStorage.clear());
  const TYPES = [
    { id: '10001', name: 'Task', subtask: false },
    { id: '10003', name: 'Story', subtask: false },
    { id: '10004', name: 'Sub-task', subtask: true },
  ];

  it('is Bug when the project has it, whatever its case, even after another type was used', () => {
    rememberIssueType(1, 'TB', '10001');
    expect(defaultIssueType([...TYPES, { id: '10002', name: 'BUG', subtask: false }], 1, 'TB')).toBe('10002');
  });

  it('is otherwise the type last used in that project of that instance, if it is still offered', () => {
    expect(defaultIssueType(TYPES, 1, 'TB')).toBeNull();
    rememberIssueType(1, 'TB', '10003');
    expect(defaultIssueType(TYPES, 1, 'TB')).toBe('10003');
    expect(defaultIssueType(TYPES, 1, 'OPS')).toBeNull();
    expect(defaultIssueType(TYPES, 2, 'TB')).toBeNull();
    rememberIssueType(1, 'TB', '10004'); // a sub-task is never offered
    expect(defaultIssueType(TYPES, 1, 'TB')).toBeNull();
  });
});
