import { Alert, Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { useSession } from '../auth';
import { myJiraConnectionsQuery } from '../jira-auth';
import { instancesQuery, projectsQuery, type Project } from './api';
import { projectPath } from './paths';
import { ProjectFormModal } from './ProjectFormModal';

/** Every Testbridge project, the way into its issues, test cases, test suites and test cycles. */
export function ProjectsPage() {
  const { can } = useSession();
  const projects = useQuery(projectsQuery);
  // The names of the default instances. "My Jira connections" lists only the OAuth-enabled
  // instances, so an administrator (who may see Integrations) reads them all: a project may
  // default to an instance whose OAuth is not on yet, or no longer.
  const canViewInstances = can('INTEGRATION_VIEW');
  const instances = useQuery({ ...instancesQuery, enabled: canViewInstances });
  const connections = useQuery({ ...myJiraConnectionsQuery, retry: false, enabled: !canViewInstances });
  const [editing, setEditing] = useState<Project | 'new' | null>(null);
  const canAdd = can('INTEGRATION_MODIFY');

  const instanceName = (id: number | null | undefined) =>
    id
      ? (instances.data?.find((instance) => instance.id === id)?.name ??
        connections.data?.find((connection) => connection.instanceId === id)?.instanceName ??
        `Jira instance ${id}`)
      : null;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>Projects</Title>
          <Text size="sm" c="dimmed">
            Each project keeps its issues, test cases, test suites and test cycles, and creates issues in its default Jira project.
          </Text>
        </Stack>
        {canAdd && <Button onClick={() => setEditing('new')}>Add project</Button>}
      </Group>

      {projects.isPending && <LoadingState />}
      {projects.isError && <LoadFailure error={projects.error} onRetry={() => void projects.refetch()} />}
      {projects.data?.length === 0 && (
        <Alert color="blue" title="No project yet">
          {canAdd ? 'Add a project to start writing test cases, planning test cycles and creating issues.' : 'Ask an administrator to add a project.'}
        </Alert>
      )}
      {projects.data && projects.data.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover aria-label="Projects">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>Key</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>Default Jira</Table.Th>
                <Table.Th>Open</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {projects.data.map((project) => (
                <Table.Tr key={project.id}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {project.key}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={projectPath(project.id)} size="sm">
                      {project.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={project.defaultInstanceId ? undefined : 'dimmed'}>
                      {project.defaultInstanceId
                        ? [instanceName(project.defaultInstanceId), project.defaultJiraProject].filter(Boolean).join(' · ')
                        : 'none'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {can('ISSUES_VIEW') && (
                        <Button size="xs" variant="light" component={Link} to={projectPath(project.id, 'issues')} aria-label={`Issues of ${project.key}`}>
                          Issues
                        </Button>
                      )}
                      {can('CASES_VIEW') && (
                        <Button size="xs" variant="light" component={Link} to={projectPath(project.id, 'cases')} aria-label={`Test cases of ${project.key}`}>
                          Test cases
                        </Button>
                      )}
                      {can('SUITES_VIEW') && (
                        <Button size="xs" variant="light" component={Link} to={projectPath(project.id, 'suites')} aria-label={`Test suites of ${project.key}`}>
                          Test suites
                        </Button>
                      )}
                      {can('CYCLES_VIEW') && (
                        <Button size="xs" variant="light" component={Link} to={projectPath(project.id, 'cycles')} aria-label={`Test cycles of ${project.key}`}>
                          Test cycles
                        </Button>
                      )}
                      {canAdd && (
                        <Button size="xs" variant="default" onClick={() => setEditing(project)} aria-label={`Edit ${project.key}`}>
                          Edit
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {editing && <ProjectFormModal project={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
