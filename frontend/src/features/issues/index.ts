// The public entry of the issues feature: what app/ and other features may use.
export type { Issue } from './api';
export { CreateIssueDialog, type CreateIssueDialogProps } from './CreateIssueDialog';
export { JiraStatusBadge } from './IssueStateBadge';
export { IssuesPage } from './IssuesPage';
export { NeedsJiraAccount } from './NeedsJiraAccount';
export { JiraIssueFinder, type JiraIssueFinderProps } from './JiraIssueFinder';
export { jiraSearchQuery, useJiraInstanceChoice, type JiraIssueSummary, type JiraSearch } from './jiraSearch';
