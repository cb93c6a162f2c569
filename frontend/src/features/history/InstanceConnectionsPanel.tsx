import { Badge, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { formatDateTime } from '../../lib/format';
import { CONNECTION_STATUS } from '../jira-auth';
import { instanceConnectionsQuery } from './api';

/** Every user's own Jira connection to the instance, and how it stands (never a token). */
export function InstanceConnectionsPanel({ instanceId }: { instanceId: number }) {
  const connections = useQuery(instanceConnectionsQuery(instanceId));
  if (connections.isPending) return <LoadingState />;
  if (connections.isError) return <LoadFailure error={connections.error} onRetry={() => void connections.refetch()} />;
  if (connections.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Nobody has connected to this instance yet.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-label="User connections">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>User</Table.Th>
            <Table.Th>Jira account</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>Token expires</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {connections.data.map((connection) => {
            const status = CONNECTION_STATUS[connection.status] ?? CONNECTION_STATUS.NOT_CONNECTED;
            return (
              <Table.Tr key={connection.userId}>
                <Table.Td>
                  <Text size="sm">{connection.displayName}</Text>
                  <Text size="xs" c="dimmed">
                    {connection.username}
                  </Text>
                </Table.Td>
                <Table.Td>{connection.jiraAccount ?? '—'}</Table.Td>
                <Table.Td>
                  <Badge color={status.color} variant="light" tt="none">
                    {status.label}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDateTime(connection.lastUsedAt)}</Table.Td>
                <Table.Td>{formatDateTime(connection.accessExpiresAt)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
