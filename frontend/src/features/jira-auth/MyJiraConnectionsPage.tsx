import { Alert, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { myJiraConnectionsQuery } from './api';
import { ConnectionCard } from './ConnectionCard';

/** Every OAuth-enabled Jira instance and the user's own connection to it. */
export function MyJiraConnectionsPage() {
  const connections = useQuery(myJiraConnectionsQuery);
  return (
    <Stack>
      <Stack gap={4}>
        <Title order={1}>My Jira connections</Title>
        <Text size="sm" c="dimmed">
          Testbridge works in Jira as you, with your own authorization for each Jira instance. Nobody else can use it.
        </Text>
      </Stack>
      {connections.isPending && <LoadingState />}
      {connections.isError && <LoadFailure error={connections.error} onRetry={() => void connections.refetch()} />}
      {connections.data?.length === 0 && (
        <Alert color="blue" title="No Jira instance uses OAuth yet">
          Once an administrator connects a Jira instance under Integrations, it is listed here.
        </Alert>
      )}
      {connections.data?.map((connection) => <ConnectionCard key={connection.instanceId} connection={connection} />)}
    </Stack>
  );
}
