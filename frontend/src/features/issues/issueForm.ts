import type { Project } from '../projects';
import type { FieldValue, Issue, JiraField } from './api';
import { HANDLED_BY_DIALOG, fieldErrors, fieldPath, storedFieldErrors, storedFieldValues } from './jiraFields';

// The values of the "Create Jira issue" form: where they start from, and the client-side checks.

export interface IssueFormValues {
  instanceId: string | null;
  jiraProject: string | null;
  issueTypeId: string | null;
  summary: string;
  description: string;
  fields: Record<string, FieldValue>;
}

export const SUMMARY_MAX = 255;
const DESCRIPTION_MAX = 30_000;

/** A new issue starts in the project's default instance and Jira project. */
export function valuesOfProject(project: Project): IssueFormValues {
  const instanceId = project.defaultInstanceId ? String(project.defaultInstanceId) : null;
  return {
    instanceId,
    jiraProject: instanceId && project.defaultJiraProject ? project.defaultJiraProject : null,
    issueTypeId: null,
    summary: '',
    description: '',
    fields: {},
  };
}

/** A kept draft, back into the form: everything the tester typed. */
export function valuesOfDraft(draft: Issue): IssueFormValues {
  return {
    instanceId: String(draft.instanceId),
    jiraProject: draft.jiraProject,
    issueTypeId: draft.issueTypeId,
    summary: draft.summary,
    description: draft.description ?? '',
    fields: storedFieldValues(draft.fields),
  };
}

/** Jira's errors of a draft, on the form's paths. */
export function errorsOfDraft(draft: Issue | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(storedFieldErrors(draft?.lastError)).map(([fieldId, message]) => [fieldPath(fieldId), message]));
}

/** The fields of an issue type that the dialog renders (it has inputs of its own for the rest). */
export function dialogFields(meta: readonly JiraField[]): JiraField[] {
  return meta.filter((field) => !HANDLED_BY_DIALOG.has(field.fieldId));
}

/** The checks made before sending: the dialog's own inputs, then the fields Jira requires. */
export function validateIssue(values: IssueFormValues, meta: readonly JiraField[]): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.instanceId) errors.instanceId = 'Choose a Jira instance';
  if (!values.jiraProject) errors.jiraProject = 'Choose a Jira project';
  if (!values.issueTypeId) errors.issueTypeId = 'Choose an issue type';
  if (!values.summary.trim()) errors.summary = 'Enter a summary';
  else if (values.summary.trim().length > SUMMARY_MAX) errors.summary = `Use at most ${SUMMARY_MAX} characters`;
  if (values.description.length > DESCRIPTION_MAX) errors.description = `Use at most ${DESCRIPTION_MAX} characters`;
  return { ...errors, ...fieldErrors(meta, values.fields) };
}

/** The Jira projects to choose from, keeping a default that Jira did not list (yet). */
export function projectChoices(projects: { key?: string; name?: string }[] | undefined, current: string | null) {
  const choices = (projects ?? [])
    .filter((candidate) => candidate.key)
    .map((candidate) => ({ value: candidate.key ?? '', label: `${candidate.name ?? candidate.key} (${candidate.key})` }));
  if (current && !choices.some((choice) => choice.value === current)) choices.unshift({ value: current, label: current });
  return choices;
}
