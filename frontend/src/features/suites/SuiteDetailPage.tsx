import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { usePageTitle } from '../../lib/pageTitle';
import { useSession } from '../auth';
import { myJiraConnectionsQuery, useJiraAuthentication } from '../jira-auth';
import { projectPath, useProject } from '../projects';
import { AddCasesDialog } from './AddCasesDialog';
import { AddTestCaseModal } from './AddTestCaseModal';
import { suiteQuery, type SuiteDetail } from './api';
import { LinkedIssuesTable } from './LinkedIssuesTable';
import { LinkIssuesDialog } from './LinkIssuesDialog';
import { SuiteCasesTable } from './SuiteCasesTable';

/** The detail view of a test suite: its test cases in order and its linked Jira issues. */
export function SuiteDetailPage() {
  const project = useProject();
  const { can } = useSession();
  const suiteId = Number(useParams().suiteId);
  const suite = useQuery({ ...suiteQuery(suiteId), enabled: Number.isInteger(suiteId) && suiteId > 0 });
  const [addingCase, setAddingCase] = useState(false);
  const [addingExisting, setAddingExisting] = useState(false);
  const [linking, setLinking] = useState(false);
  const canModify = can('SUITES_MODIFY');
  usePageTitle(suite.data?.projectId === project.id ? suite.data.name : null);
  const back = (
    <Anchor component={Link} to={projectPath(project.id, 'suites')} size="sm">
      ← All test suites
    </Anchor>
  );

  const validId = Number.isInteger(suiteId) && suiteId > 0;
  if (validId && suite.isPending) return <LoadingState />;
  if (!validId || isApiError(suite.error, 404)) {
    return (
      <Stack>
        {back}
        <Text>There is no such test suite.</Text>
      </Stack>
    );
  }
  if (suite.isError) return <LoadFailure error={suite.error} onRetry={() => void suite.refetch()} />;
  const detail = suite.data;
  if (!detail) return null;
  if (detail.projectId !== project.id) {
    return (
      <Stack>
        {back}
        <Text>This test suite belongs to another project.</Text>
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        {back}
        <Title order={2}>{detail.name}</Title>
        {detail.description && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {detail.description}
          </Text>
        )}
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="test-cases-heading">
        <Group justify="space-between">
          <Title order={3} id="test-cases-heading">
            Test cases
          </Title>
          {canModify && (
            <Group gap="xs">
              {can('CASES_VIEW') && <Button onClick={() => setAddingExisting(true)}>Add cases</Button>}
              <Button variant="light" onClick={() => setAddingCase(true)}>
                Add test case
              </Button>
            </Group>
          )}
        </Group>
        {detail.cases.length === 0 ? (
          <Text size="sm" c="dimmed">
            No test case yet.{canModify && ' Add existing cases of the project, or a new one.'}
          </Text>
        ) : (
          <SuiteCasesTable suite={detail} canModify={canModify} />
        )}
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="linked-issues-heading">
        <Group justify="space-between">
          <Title order={3} id="linked-issues-heading">
            Linked issues
          </Title>
          {canModify && <Button onClick={() => setLinking(true)}>Link issues</Button>}
        </Group>
        {detail.linksStale && <StaleLinksNotice detail={detail} onRefresh={() => void suite.refetch()} refreshing={suite.isFetching} />}
        {detail.links.length === 0 ? (
          <Text size="sm" c="dimmed">
            No Jira issue is linked to this suite yet.
          </Text>
        ) : (
          <LinkedIssuesTable projectId={project.id} suiteId={detail.id} links={detail.links} canModify={canModify} />
        )}
      </Stack>

      {addingExisting && <AddCasesDialog suite={detail} onClose={() => setAddingExisting(false)} />}
      {addingCase && <AddTestCaseModal projectId={project.id} suiteId={detail.id} onClose={() => setAddingCase(false)} />}
      {linking && <LinkIssuesDialog project={project} suite={detail} onClose={() => setLinking(false)} />}
    </Stack>
  );
}

/**
 * Jira could not be asked for fresh values (typically: the viewer has not authenticated with the
 * instance yet); the table shows the last known ones. Offers to authenticate, then reloads.
 */
function StaleLinksNotice({ detail, onRefresh, refreshing }: { detail: SuiteDetail; onRefresh: () => void; refreshing: boolean }) {
  const connections = useQuery(myJiraConnectionsQuery);
  const { authenticate } = useJiraAuthentication();
  const instanceIds = [...new Set(detail.links.map((link) => link.instanceId))];
  const needsAuthentication = (connections.data ?? []).filter(
    (connection) => instanceIds.includes(connection.instanceId) && connection.status !== 'CONNECTED',
  );
  return (
    <Alert color="yellow" title="Showing the last known values from Jira" role="status">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          Testbridge could not read these issues from Jira just now
          {needsAuthentication.length > 0 ? ': you have not authenticated with Jira yet.' : '.'}
        </Text>
        <Group gap="xs">
          {needsAuthentication.map((connection) => (
            <Button
              key={connection.instanceId}
              size="xs"
              variant="light"
              onClick={() => void authenticate(connection.instanceId).then((authenticated) => authenticated && onRefresh())}
            >
              Authenticate with {connection.instanceName}
            </Button>
          ))}
          <Button size="xs" variant="default" onClick={onRefresh} loading={refreshing}>
            Refresh
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
