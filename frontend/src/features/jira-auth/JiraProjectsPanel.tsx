import { Alert, Button, Center, Loader, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { isJiraAuthRequired } from '../../api/ApiError';
import { describeError } from '../../lib/forms/showApiError';
import { jiraProjectsQuery, myJiraConnectionsQuery } from './api';

/**
 * The Jira projects the user sees on an instance, read from Jira as the user. Without a token
 * the call waits while the "Authenticate with Jira" dialog is open, then answers by itself.
 */
export function JiraProjectsPanel({ instanceId, instanceName }: { instanceId: number; instanceName: string }) {
  const projects = useQuery(jiraProjectsQuery(instanceId));
  const queryClient = useQueryClient();

  // Reading Jira used (and maybe refreshed) the user's token: "Last used" and the expiry moved.
  const { dataUpdatedAt } = projects;
  useEffect(() => {
    if (dataUpdatedAt > 0) void queryClient.invalidateQueries({ queryKey: myJiraConnectionsQuery.queryKey });
  }, [dataUpdatedAt, queryClient]);

  if (projects.isPending) {
    return (
      <Center py="sm">
        <Loader size="sm" role="status" aria-label={`Loading your Jira projects on ${instanceName}`} />
      </Center>
    );
  }
  if (projects.isError) {
    return (
      <Alert color={isJiraAuthRequired(projects.error) ? 'yellow' : 'red'} role="alert" title="Could not read your Jira projects">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{describeError(projects.error)}</Text>
          <Button size="xs" variant="light" onClick={() => void projects.refetch()}>
            {isJiraAuthRequired(projects.error) ? 'Authenticate and try again' : 'Try again'}
          </Button>
        </Stack>
      </Alert>
    );
  }
  if (projects.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Your Jira account sees no project on {instanceName}.
      </Text>
    );
  }
  return (
    <Table striped withTableBorder aria-label={`My Jira projects on ${instanceName}`} aria-busy={projects.isFetching}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={120}>Key</Table.Th>
          <Table.Th>Name</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {projects.data.map((project) => (
          <Table.Tr key={project.id ?? project.key}>
            <Table.Td>{project.key}</Table.Td>
            <Table.Td>{project.name}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
