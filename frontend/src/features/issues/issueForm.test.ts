import { describe, expect, it } from 'vitest';
import { anIssue, aProject, BUG_FIELDS } from '../../test/projectFixtures';
import { errorsOfDraft, projectChoices, validateIssue, valuesOfDraft, valuesOfProject } from './issueForm';

describe('issue form', () => {
  it('starts a new issue in the project’s default instance and Jira project', () => {
    expect(valuesOfProject(aProject())).toMatchObject({ instanceId: '1', jiraProject: 'TB', issueTypeId: null });
    // A Jira project without its instance means nothing.
    expect(valuesOfProject(aProject({ defaultInstanceId: null }))).toMatchObject({ instanceId: null, jiraProject: null });
  });

  it('reopens a draft with what was typed and Jira’s errors on the form’s paths', () => {
    const draft = anIssue({
      state: 'FAILED',
      description: 'Steps…',
      fields: { customfield_10010: '10100' },
      lastError: { message: 'Refused', fields: { summary: 'Too long', customfield_10011: 'Required' } },
    });
    expect(valuesOfDraft(draft)).toEqual({
      instanceId: '1',
      jiraProject: 'TB',
      issueTypeId: '10002',
      summary: 'Cart total ignores the voucher',
      description: 'Steps…',
      fields: { customfield_10010: '10100' },
    });
    expect(errorsOfDraft(draft)).toEqual({ summary: 'Too long', 'fields.customfield_10011': 'Required' });
  });

  it('checks the dialog’s own inputs and the fields Jira requires', () => {
    const values = { ...valuesOfProject(aProject()), issueTypeId: '10002', summary: ' ', fields: { customfield_10010: '10100' } };
    expect(validateIssue(values, BUG_FIELDS)).toEqual({
      summary: 'Enter a summary',
      'fields.customfield_10011': 'Found in build is required',
    });
  });

  it('keeps a default Jira project that Jira did not list', () => {
    expect(projectChoices([{ key: 'OPS', name: 'Operations' }], 'TB')).toEqual([
      { value: 'TB', label: 'TB' },
      { value: 'OPS', label: 'Operations (OPS)' },
    ]);
  });
});
