import { Badge } from '@mantine/core';
import type { IssueState } from './api';

export const ISSUE_STATES: Record<IssueState, { label: string; color: string }> = {
  CREATED: { label: 'In Jira', color: 'green' },
  DRAFT: { label: 'Draft', color: 'gray' },
  FAILED: { label: 'Failed', color: 'red' },
  UNKNOWN: { label: 'Outcome unknown', color: 'orange' },
};

export function IssueStateBadge({ state }: { state: IssueState }) {
  const { label, color } = ISSUE_STATES[state];
  return (
    <Badge color={color} variant="light">
      {label}
    </Badge>
  );
}

/** A colour for a Jira status name, after Jira's own status categories. */
export function jiraStatusColor(status: string): string {
  const name = status.toLowerCase();
  if (['done', 'closed', 'resolved'].includes(name)) return 'green';
  if (name.includes('progress') || name.includes('review')) return 'blue';
  return 'gray';
}

export function JiraStatusBadge({ status }: { status: string | null | undefined }) {
  if (!status) return null;
  return (
    <Badge color={jiraStatusColor(status)} variant="outline" tt="none">
      {status}
    </Badge>
  );
}
