import { Alert, Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ExternalLinkIcon } from '../../components/icons';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { formatDateTime } from '../../lib/format';
import { useSession } from '../auth';
import { useProject } from '../projects';
import { issuesQuery, type Issue } from './api';
import { CreateIssueDialog } from './CreateIssueDialog';
import { IssueStateBadge, JiraStatusBadge } from './IssueStateBadge';
import { HiddenHeader } from '../../components/HiddenHeader';

/** The Issue module of a project: its issues, created in Jira from Testbridge, and drafts to retry. */
export function IssuesPage() {
  const project = useProject();
  const { can, user } = useSession();
  const issues = useQuery(issuesQuery(project.id));
  // 'new' for a new issue, or the draft whose Retry was clicked.
  const [creating, setCreating] = useState<Issue | 'new' | null>(null);
  const canCreate = can('ISSUES_CREATE');

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Issues created from Testbridge, with their status in Jira.
        </Text>
        {canCreate && <Button onClick={() => setCreating('new')}>Create Jira issue</Button>}
      </Group>

      {issues.isPending && <LoadingState />}
      {issues.isError && <LoadFailure error={issues.error} onRetry={() => void issues.refetch()} />}
      {issues.data?.length === 0 && (
        <Alert color="blue" title="No issue yet">
          {canCreate ? 'Create the first Jira issue of this project.' : 'Nobody has created an issue in this project yet.'}
        </Alert>
      )}
      {issues.data && issues.data.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover aria-label="Issues" aria-busy={issues.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={120}>Jira key</Table.Th>
                <Table.Th>Summary</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Jira status</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Created</Table.Th>
                {canCreate && <HiddenHeader>Actions</HiddenHeader>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {issues.data.map((issue) => (
                <Table.Tr key={issue.id}>
                  <Table.Td>
                    {issue.jiraKey && issue.jiraUrl ? (
                      <Anchor href={issue.jiraUrl} target="_blank" rel="noopener noreferrer" size="sm" fw={600}>
                        <Group gap={4} wrap="nowrap" component="span">
                          {issue.jiraKey}
                          <ExternalLinkIcon size={14} />
                        </Group>
                      </Anchor>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {issue.jiraKey ?? '—'}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{issue.summary}</Text>
                    {issue.state !== 'CREATED' && issue.lastError?.message && (
                      <Text size="xs" c={issue.state === 'UNKNOWN' ? 'orange' : 'red'}>
                        {issue.lastError.message}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{issue.issueTypeName ?? issue.issueTypeId}</Text>
                  </Table.Td>
                  <Table.Td>
                    <JiraStatusBadge status={issue.jiraStatus} />
                  </Table.Td>
                  <Table.Td>
                    <IssueStateBadge state={issue.state} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(issue.createdAt)}</Text>
                  </Table.Td>
                  {canCreate && (
                    <Table.Td>
                      {/* a draft reaches Jira as its author: only they retry it (the server says so too) */}
                      {issue.state !== 'CREATED' && issue.createdBy === user.id && (
                        <Button size="xs" variant="light" onClick={() => setCreating(issue)} aria-label={`Retry ${issue.summary}`}>
                          Retry
                        </Button>
                      )}
                      {issue.state !== 'CREATED' && issue.createdBy !== user.id && (
                        <Text size="xs" c="dimmed">
                          Its author’s draft
                        </Text>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {creating && (
        <CreateIssueDialog project={project} draft={creating === 'new' ? undefined : creating} onClose={() => setCreating(null)} />
      )}
    </Stack>
  );
}
