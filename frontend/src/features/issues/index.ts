// The public entry of the issues feature: what app/ and other features may use.
export { JiraStatusBadge } from './IssueStateBadge';
export { IssuesPage } from './IssuesPage';
export { NeedsJiraAccount } from './NeedsJiraAccount';
