// The public entry of the jira-auth feature: what app/ and other features may use.
export { jiraProjectsQuery, myJiraConnectionsQuery } from './api';
export { CONNECTION_STATUS } from './ConnectionStatusBadge';
export { ConsentExpiryBanner, MY_JIRA_CONNECTIONS_PATH } from './ConsentExpiryBanner';
export { JiraAuthProvider, useJiraAuthentication } from './JiraAuthProvider';
export { MyJiraConnectionsPage } from './MyJiraConnectionsPage';
