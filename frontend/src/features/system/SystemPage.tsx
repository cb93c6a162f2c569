import { Alert, Code, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { FactsTable } from '../../components/FactsTable';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { formatDateTime, formatDuration } from '../../lib/format';
import { systemQuery, type RecentJiraError, type SystemStatus } from './api';
import { BackupsSection } from './BackupsSection';

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function serverFacts(system: SystemStatus) {
  const { counts, database } = system;
  return [
    { label: 'Version', value: system.version, testId: 'system-version' },
    { label: 'Uptime', value: formatDuration(system.uptimeSeconds), testId: 'system-uptime' },
    {
      label: 'Database',
      value: `${database.mode === 'embedded' ? 'Embedded' : 'External'} PostgreSQL ${database.version}`,
      testId: 'system-database',
    },
    { label: 'Encryption key id', value: <Code>{system.encryptionKeyId}</Code>, testId: 'system-key-id' },
    {
      label: 'Jira instances',
      value: `${counts.instances} (${counts.connectedInstances} with OAuth enabled)`,
      testId: 'system-instances',
    },
    {
      label: 'Jira connections',
      value: `${counts.connections} active, ${counts.connectionsNeedingReauthentication} needing re-authentication`,
      testId: 'system-connections',
    },
    { label: 'Users', value: plural(counts.users, 'user'), testId: 'system-users' },
  ];
}

function RecentJiraErrors({ errors }: { errors: readonly RecentJiraError[] }) {
  if (errors.length === 0) {
    return (
      <Alert color="green" title="No errors talking to Jira">
        Since this server started, every call to Jira has succeeded.
      </Alert>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label="Recent Jira errors" striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Jira instance</Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th>Last error</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.map((error) => (
            <Table.Tr key={error.instanceId}>
              <Table.Td>{error.instanceName}</Table.Td>
              <Table.Td>{formatDateTime(error.at)}</Table.Td>
              <Table.Td>{error.error}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** How this server is doing, for administrators: what it runs on, what went wrong with Jira lately, and its backups. */
export function SystemPage() {
  const system = useQuery(systemQuery);
  return (
    <Stack>
      <Title order={1}>System</Title>
      {system.isPending && <LoadingState />}
      {system.isError && <LoadFailure error={system.error} onRetry={() => void system.refetch()} />}
      {system.data && (
        <>
          <FactsTable label="Server" labelWidth={180} facts={serverFacts(system.data)} />
          <Stack gap={4}>
            <Title order={2} size="h3">
              Recent Jira errors
            </Title>
            <Text size="sm" c="dimmed">
              The last error this server saw talking to each Jira instance. The OAuth history of an instance (log icon
              under Integrations) says more.
            </Text>
          </Stack>
          <RecentJiraErrors errors={system.data.recentJiraErrors} />
          <BackupsSection />
        </>
      )}
    </Stack>
  );
}
