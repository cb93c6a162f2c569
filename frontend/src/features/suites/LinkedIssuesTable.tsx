import { ActionIcon, Anchor, Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ExternalLinkIcon } from '../../components/icons';
import { showApiError } from '../../lib/forms/showApiError';
import { JiraStatusBadge } from '../issues';
import { myJiraConnectionsQuery } from '../jira-auth';
import { suiteQuery, suitesQuery, unlinkIssue, type SuiteLink } from './api';
import { HiddenHeader } from '../../components/HiddenHeader';

interface LinkedIssuesTableProps {
  projectId: number;
  suiteId: number;
  links: SuiteLink[];
  canModify: boolean;
}

/**
 * The Jira issues linked to a suite, as last read from Jira; deleted ones show as not found. When
 * the links come from more than one Jira instance, a column names each one's instance (TB-1 on
 * Cloud and TB-1 on Data Center are different issues).
 */
export function LinkedIssuesTable({ projectId, suiteId, links, canModify }: LinkedIssuesTableProps) {
  const queryClient = useQueryClient();
  const connections = useQuery(myJiraConnectionsQuery);
  const severalInstances = new Set(links.map((link) => link.instanceId)).size > 1;
  const instanceName = (instanceId: number) =>
    connections.data?.find((connection) => connection.instanceId === instanceId)?.instanceName ?? `Jira instance ${instanceId}`;
  /** The issue as a person would name it: its key, and its instance when the key alone is ambiguous. */
  const issueName = (link: SuiteLink) => (severalInstances ? `${link.key} (${instanceName(link.instanceId)})` : link.key);
  const unlink = useMutation({
    mutationFn: (link: SuiteLink) => unlinkIssue(suiteId, link.instanceId, link.key),
    onSuccess: (_, link) => {
      void queryClient.invalidateQueries({ queryKey: suiteQuery(suiteId).queryKey });
      void queryClient.invalidateQueries({ queryKey: suitesQuery(projectId).queryKey });
      notifications.show({ color: 'green', message: `Unlinked ${issueName(link)}.` });
    },
    onError: (error) => showApiError(error, 'Could not unlink the issue'),
  });

  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover aria-label="Linked issues">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>Key</Table.Th>
            {severalInstances && <Table.Th>Jira instance</Table.Th>}
            <Table.Th>Summary</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Assignee</Table.Th>
            <Table.Th>Type</Table.Th>
            <HiddenHeader>Actions</HiddenHeader>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {links.map((link) => (
            <Table.Tr key={`${link.instanceId}:${link.key}`}>
              <Table.Td>
                {link.url ? (
                  <Anchor href={link.url} target="_blank" rel="noopener noreferrer" size="sm" fw={600}>
                    {link.key}
                  </Anchor>
                ) : (
                  <Text size="sm" fw={600}>
                    {link.key}
                  </Text>
                )}
              </Table.Td>
              {severalInstances && (
                <Table.Td>
                  <Text size="sm">{instanceName(link.instanceId)}</Text>
                </Table.Td>
              )}
              <Table.Td>
                <Text size="sm" c={link.notFound ? 'dimmed' : undefined}>
                  {link.summary ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                {link.notFound ? (
                  <Badge color="gray" variant="light" tt="none">
                    not found in Jira
                  </Badge>
                ) : (
                  <JiraStatusBadge status={link.status} />
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{link.notFound ? '—' : (link.assignee ?? 'Unassigned')}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{link.issueType ?? '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap" justify="flex-end">
                  {link.url && !link.notFound && (
                    <Tooltip label="Open in Jira">
                      <ActionIcon
                        component="a"
                        href={link.url}
                        target="_blank"
                        rel="noopener noreferrer"
                        variant="subtle"
                        aria-label={`Open ${issueName(link)} in Jira`}
                      >
                        <ExternalLinkIcon size={16} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                  {canModify && (
                    <Button
                      size="xs"
                      variant="default"
                      color="red"
                      aria-label={`Unlink ${issueName(link)}`}
                      loading={unlink.isPending && unlink.variables === link}
                      onClick={() => unlink.mutate(link)}
                    >
                      Unlink
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
