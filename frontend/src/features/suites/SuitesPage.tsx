import { Alert, Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { useSession } from '../auth';
import { suitePath, useProject } from '../projects';
import { AddSuiteModal } from './AddSuiteModal';
import { suitesQuery, type SuiteSummary } from './api';
import { LinkIssuesDialog } from './LinkIssuesDialog';
import { HiddenHeader } from '../../components/HiddenHeader';

/** The default view of Test Suites: every suite of the project with its counts, and "Link issues". */
export function SuitesPage() {
  const project = useProject();
  const { can } = useSession();
  const suites = useQuery(suitesQuery(project.id));
  const [adding, setAdding] = useState(false);
  const [linkingTo, setLinkingTo] = useState<SuiteSummary | null>(null);
  const canModify = can('SUITES_MODIFY');

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Test suites group test cases and the Jira issues they cover.
        </Text>
        {canModify && <Button onClick={() => setAdding(true)}>Add suite</Button>}
      </Group>

      {suites.isPending && <LoadingState />}
      {suites.isError && <LoadFailure error={suites.error} onRetry={() => void suites.refetch()} />}
      {suites.data?.length === 0 && (
        <Alert color="blue" title="No test suite yet">
          {canModify ? 'Add the first test suite of this project.' : 'Nobody has added a test suite to this project yet.'}
        </Alert>
      )}
      {suites.data && suites.data.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover aria-label="Test suites">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th w={120}>Test cases</Table.Th>
                <Table.Th w={130}>Linked issues</Table.Th>
                {canModify && <HiddenHeader w={140}>Actions</HiddenHeader>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {suites.data.map((suite) => (
                <Table.Tr key={suite.id}>
                  <Table.Td>
                    <Anchor component={Link} to={suitePath(project.id, suite.id)} size="sm" fw={600}>
                      {suite.name}
                    </Anchor>
                    {suite.description && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {suite.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{suite.caseCount}</Table.Td>
                  <Table.Td aria-label={`Linked issues of ${suite.name}`}>{suite.linkCount}</Table.Td>
                  {canModify && (
                    <Table.Td>
                      <Button size="xs" variant="light" onClick={() => setLinkingTo(suite)} aria-label={`Link issues to ${suite.name}`}>
                        Link issues
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {adding && <AddSuiteModal projectId={project.id} onClose={() => setAdding(false)} />}
      {linkingTo && <LinkIssuesDialog project={project} suite={linkingTo} onClose={() => setLinkingTo(null)} />}
    </Stack>
  );
}
