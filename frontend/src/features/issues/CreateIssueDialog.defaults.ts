import type { FieldValue, JiraField, JiraIssueType } from './api';
import { dialogFields } from './issueForm';
import { fieldKind, isBlank } from './jiraFields';

// What a new issue of the "Create Jira issue" dialog starts with, beyond the project's defaults:
// the issue type, and text fields that a caller knows the answer to (a defect raised from a test
// cycle knows its build and environment).

/** Values for a new issue's empty text fields, by what their names say. */
export interface FieldHints {
  /** For fields named like "Found in build", "Version", "Build number". */
  build?: string | null;
  /** For Jira's system field Environment, and fields named like "Test environment". */
  environment?: string | null;
  /** For multi-line fields named like "Steps to reproduce". */
  steps?: string | null;
}

const BUILD = /build|version/i;
const ENVIRONMENT = /environment/i;
const STEPS = /steps|reproduc/i;

/**
 * The fields of `meta` to fill from `hints`: text fields (one line or more) that are empty, whose
 * name says environment (Jira's own Environment field included) or build or version, multi-line
 * ones whose name says steps to reproduce, and only with a hint that says something. What is
 * typed or kept already is never replaced.
 */
export function hintedFieldValues(meta: readonly JiraField[], values: Readonly<Record<string, FieldValue | undefined>>, hints: FieldHints): Record<string, string> {
  const filled: Record<string, string> = {};
  for (const field of dialogFields(meta)) {
    const kind = fieldKind(field);
    if ((kind !== 'text' && kind !== 'textarea') || !isBlank(values[field.fieldId])) continue;
    const hint =
      field.system === 'environment' || ENVIRONMENT.test(field.name)
        ? hints.environment
        : kind === 'textarea' && STEPS.test(field.name)
          ? hints.steps
          : BUILD.test(field.name)
            ? hints.build
            : undefined;
    const value = hint?.trim();
    if (value) filled[field.fieldId] = value;
  }
  return filled;
}

const LAST_TYPE = 'testbridge.last-issue-type';

function lastTypeKey(instanceId: number, jiraProject: string): string {
  return `${LAST_TYPE}:${instanceId}:${jiraProject}`;
}

/** Remembers (in this browser) the issue type last used in a Jira project of an instance. */
export function rememberIssueType(instanceId: number, jiraProject: string, issueTypeId: string): void {
  try {
    localStorage.setItem(lastTypeKey(instanceId, jiraProject), issueTypeId);
  } catch {
    // Storage refused or full: next time simply starts without a type.
  }
}

function lastIssueType(instanceId: number, jiraProject: string): string | null {
  try {
    return localStorage.getItem(lastTypeKey(instanceId, jiraProject));
  } catch {
    return null;
  }
}

/**
 * The issue type a new issue starts with: Bug when the project offers one (whatever its case),
 * else the type last used in this project of this instance if it still offers it, else none.
 */
export function defaultIssueType(types: readonly JiraIssueType[], instanceId: number, jiraProject: string): string | null {
  const offered = types.filter((type) => !type.subtask);
  const bug = offered.find((type) => type.name.trim().toLowerCase() === 'bug');
  if (bug) return bug.id;
  const last = lastIssueType(instanceId, jiraProject);
  return offered.some((type) => type.id === last) ? last : null;
}
