import { Alert, Anchor } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { meQuery } from '../auth';
import { myJiraConnectionsQuery } from './api';

export const MY_JIRA_CONNECTIONS_PATH = '/me/jira-connections';

/** On every page: a reminder when a Jira consent of the user ends soon (Atlassian ends them yearly). */
export function ConsentExpiryBanner() {
  const { pathname } = useLocation();
  // Logging out clears the cache and then re-renders this (it follows the location) before the
  // layout goes: without a session, asking would only earn a 401.
  const session = useQuery(meQuery);
  const connections = useQuery({ ...myJiraConnectionsQuery, staleTime: 5 * 60_000, retry: false, enabled: Boolean(session.data) });
  const expiring = (connections.data ?? []).filter((connection) => connection.consentExpiresSoon);
  if (expiring.length === 0 || pathname === MY_JIRA_CONNECTIONS_PATH) return null;
  return (
    <Alert color="yellow" mb="md" title="Your Jira consent ends soon" role="status">
      Re-authenticate with {expiring.map((connection) => connection.instanceName).join(', ')} to keep working without
      interruption:{' '}
      <Anchor component={Link} to={MY_JIRA_CONNECTIONS_PATH}>
        My Jira connections
      </Anchor>
    </Alert>
  );
}
