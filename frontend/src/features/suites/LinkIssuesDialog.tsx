import { Alert, Badge, Button, Center, Checkbox, Group, Loader, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isJiraAuthRequired } from '../../api/ApiError';
import { Modal } from '../../components/dialogs';
import { SearchIcon } from '../../components/icons';
import { describeError } from '../../lib/forms/showApiError';
import { JiraStatusBadge, NeedsJiraAccount } from '../issues';
import { myJiraConnectionsQuery } from '../jira-auth';
import type { Project } from '../projects';
import {
  jiraSearchQuery,
  linkIssues,
  MAX_LINKS_AT_ONCE,
  suiteQuery,
  suitesQuery,
  type JiraIssueSummary,
  type JiraSearch,
} from './api';

export interface LinkIssuesDialogProps {
  project: Project;
  suite: { id: number; name: string };
  onClose: () => void;
}

/**
 * "Link issues": find Jira issues by exact key or by text, page by page, pick several (up to 50)
 * and link them to the suite. Everything is read from Jira as the tester; a first search may wait
 * for "Authenticate with Jira" and then shows its results, nothing re-entered.
 */
export function LinkIssuesDialog({ project, suite, onClose }: LinkIssuesDialogProps) {
  const queryClient = useQueryClient();
  const connections = useQuery(myJiraConnectionsQuery);
  const linked = useQuery(suiteQuery(suite.id));
  const [chosenInstance, setInstanceValue] = useState<string | null>(
    project.defaultInstanceId ? String(project.defaultInstanceId) : null,
  );
  // With a single instance to link from, it is chosen until the tester picks (there is no other).
  const onlyInstance = connections.data?.length === 1 ? String(connections.data[0]?.instanceId) : null;
  const instanceValue = chosenInstance ?? onlyInstance;
  const instanceId = instanceValue ? Number(instanceValue) : undefined;
  const defaultJiraProject = instanceId !== undefined && instanceId === project.defaultInstanceId ? project.defaultJiraProject : null;
  const [text, setText] = useState('');
  const [onlyDefaultProject, setOnlyDefaultProject] = useState(true);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [search, setSearch] = useState<JiraSearch | null>(null);
  // Picked issues by key; kept across searches, so that a tester can gather them from several.
  const [selected, setSelected] = useState<Map<string, JiraIssueSummary>>(new Map());

  const results = useInfiniteQuery({
    ...jiraSearchQuery(search ?? { instanceId: 0, text: '' }),
    enabled: search !== null,
  });

  const link = useMutation({
    mutationFn: () => linkIssues(suite.id, instanceId ?? 0, [...selected.keys()]),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: suiteQuery(suite.id).queryKey });
      void queryClient.invalidateQueries({ queryKey: suitesQuery(project.id).queryKey });
      const count = selected.size;
      notifications.show({ color: 'green', message: `Linked ${count} ${count === 1 ? 'issue' : 'issues'} to ${suite.name}.` });
      onClose();
    },
  });

  const alreadyLinked = new Set(
    (linked.data?.links ?? []).filter((candidate) => candidate.instanceId === instanceId).map((candidate) => candidate.key),
  );
  const found = results.data?.pages.flatMap((page) => page.items) ?? [];
  const full = selected.size >= MAX_LINKS_AT_ONCE;

  const runSearch = () => {
    const query = text.trim();
    if (instanceId === undefined) {
      setSearchError('Choose a Jira instance first');
      return;
    }
    if (!query) {
      setSearchError('Enter an issue key or some text');
      return;
    }
    setSearchError(null);
    const inProject = onlyDefaultProject && defaultJiraProject ? defaultJiraProject : undefined;
    setSearch({ instanceId, text: query, ...(inProject ? { project: inProject } : {}) });
  };

  const toggle = (issue: JiraIssueSummary, checked: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      if (checked) next.set(issue.key, issue);
      else next.delete(issue.key);
      return next;
    });

  return (
    <Modal opened onClose={onClose} title={`Link issues to ${suite.name}`} size="xl" closeOnClickOutside={false}>
      <Stack>
        <Select
          label="Jira instance"
          placeholder={connections.isPending ? 'Loading…' : 'Choose an instance'}
          data={(connections.data ?? []).map((connection) => ({ value: String(connection.instanceId), label: connection.instanceName }))}
          value={instanceValue}
          onChange={(value) => {
            setInstanceValue(value);
            setSearch(null);
            setSelected(new Map());
          }}
          allowDeselect={false}
        />
        {connections.data?.length === 0 && (
          <Alert color="blue" title="No Jira instance to link from">
            An administrator has to connect a Jira instance with OAuth first.
          </Alert>
        )}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            runSearch();
          }}
          role="search"
          aria-label="Search Jira"
        >
          <Stack gap="xs">
            <Group align="flex-start" wrap="nowrap">
              <TextInput
                style={{ flex: 1 }}
                label="Issue key or text"
                placeholder="TB-12, or words of the summary or description"
                autoComplete="off"
                data-autofocus
                value={text}
                error={searchError}
                onChange={(event) => setText(event.currentTarget.value)}
              />
              <Button type="submit" mt={25} leftSection={<SearchIcon size={16} />} loading={results.isFetching && !results.isFetchingNextPage}>
                Search
              </Button>
            </Group>
            {defaultJiraProject && (
              <Switch
                label={`Search text only in ${defaultJiraProject}`}
                checked={onlyDefaultProject}
                onChange={(event) => setOnlyDefaultProject(event.currentTarget.checked)}
              />
            )}
          </Stack>
        </form>

        {search && results.isPending && (
          <Center py="md">
            <Loader size="sm" role="status" aria-label="Searching Jira" />
          </Center>
        )}
        {results.isError &&
          (isJiraAuthRequired(results.error) && search ? (
            <NeedsJiraAccount
              error={results.error}
              instanceId={search.instanceId}
              actionLabel="Authenticate and search again"
              onAuthenticated={() => void results.refetch()}
            />
          ) : (
            <Alert color="red" role="alert" title="Could not search Jira">
              {describeError(results.error)}
            </Alert>
          ))}
        {search && results.isSuccess && found.length === 0 && (
          <Text size="sm" c="dimmed">
            No Jira issue matches “{search.text}”.
          </Text>
        )}
        {found.length > 0 && (
          <Table.ScrollContainer minWidth={640} mah={360}>
            <Table striped highlightOnHover aria-label="Search results" stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40} aria-label="Selected" />
                  <Table.Th>Key</Table.Th>
                  <Table.Th>Summary</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Assignee</Table.Th>
                  <Table.Th>Type</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {found.map((issue) => {
                  const isLinked = alreadyLinked.has(issue.key);
                  const isSelected = selected.has(issue.key);
                  return (
                    <Table.Tr key={issue.key}>
                      <Table.Td>
                        <Checkbox
                          aria-label={`Select ${issue.key}`}
                          checked={isLinked || isSelected}
                          disabled={isLinked || (full && !isSelected)}
                          onChange={(event) => toggle(issue, event.currentTarget.checked)}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {issue.key}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{issue.summary}</Text>
                        {isLinked && (
                          <Badge size="xs" variant="light" color="gray">
                            linked already
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <JiraStatusBadge status={issue.status} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{issue.assignee ?? 'Unassigned'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{issue.issueType}</Text>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {results.hasNextPage && (
          <Group justify="center">
            <Button variant="default" onClick={() => void results.fetchNextPage()} loading={results.isFetchingNextPage}>
              Load more
            </Button>
          </Group>
        )}

        {link.isError &&
          (isJiraAuthRequired(link.error) && instanceId !== undefined ? (
            <NeedsJiraAccount
              error={link.error}
              instanceId={instanceId}
              actionLabel="Authenticate and link"
              onAuthenticated={() => link.mutate()}
            />
          ) : (
            <Alert color="red" role="alert" title="Could not link the issues">
              {describeError(link.error)}
            </Alert>
          ))}
        <Group justify="space-between">
          <Text size="sm" c="dimmed" aria-live="polite">
            {selected.size === 0
              ? 'No issue selected'
              : `${selected.size} selected${full ? ` (at most ${MAX_LINKS_AT_ONCE} at a time)` : ''}: ${[...selected.keys()].join(', ')}`}
          </Text>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={() => link.mutate()} disabled={selected.size === 0 || instanceId === undefined} loading={link.isPending}>
              {selected.size > 1 ? `Link ${selected.size} issues` : 'Link'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
