import { Alert, Badge, Button, Center, Group, Loader, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { isJiraAuthRequired } from '../../api/ApiError';
import { SearchIcon } from '../../components/icons';
import { describeError } from '../../lib/forms/showApiError';
import { myJiraConnectionsQuery } from '../jira-auth';
import type { Project } from '../projects';
import { JiraStatusBadge } from './IssueStateBadge';
import { jiraSearchQuery, type JiraIssueSummary, type JiraSearch } from './jiraSearch';
import { NeedsJiraAccount } from './NeedsJiraAccount';
import { HiddenHeader } from '../../components/HiddenHeader';

export interface JiraIssueFinderProps {
  project: Project;
  /** The instance searched, owned by the dialog (see useJiraInstanceChoice), which links in it. */
  instanceId: number | undefined;
  onInstanceChange: (instanceId: number) => void;
  /** Keys linked already (in this instance): marked, and offered no more. */
  linkedKeys: ReadonlySet<string>;
  /** Each found issue's control (a checkbox to pick it, a Link button), in a first or last column. */
  action: { header: string; first: boolean; render: (issue: JiraIssueSummary, linked: boolean) => ReactNode };
}

/**
 * Finding Jira issues to link, as the user: the instance, an exact key or text (in the project's
 * Jira project, or everywhere), page after page. A first search may wait for "Authenticate with
 * Jira" and then shows its results, nothing typed again.
 */
export function JiraIssueFinder({ project, instanceId, onInstanceChange, linkedKeys, action }: JiraIssueFinderProps) {
  const connections = useQuery(myJiraConnectionsQuery);
  const defaultJiraProject = instanceId !== undefined && instanceId === project.defaultInstanceId ? project.defaultJiraProject : null;
  const [text, setText] = useState('');
  const [onlyDefaultProject, setOnlyDefaultProject] = useState(true);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [search, setSearch] = useState<JiraSearch | null>(null);
  const results = useInfiniteQuery({ ...jiraSearchQuery(search ?? { instanceId: 0, text: '' }), enabled: search !== null });
  const found = results.data?.pages.flatMap((page) => page.items) ?? [];

  const runSearch = () => {
    const query = text.trim();
    if (instanceId === undefined) return setSearchError('Choose a Jira instance first');
    if (!query) return setSearchError('Enter an issue key or some text');
    setSearchError(null);
    const inProject = onlyDefaultProject && defaultJiraProject ? defaultJiraProject : undefined;
    setSearch({ instanceId, text: query, ...(inProject ? { project: inProject } : {}) });
  };
  const actionHeader = <HiddenHeader w={action.first ? 40 : undefined}>{action.header}</HiddenHeader>;
  const actionCell = (issue: JiraIssueSummary) => <Table.Td>{action.render(issue, linkedKeys.has(issue.key))}</Table.Td>;

  return (
    <Stack>
      <Select
        label="Jira instance"
        placeholder={connections.isPending ? 'Loading…' : 'Choose an instance'}
        data={(connections.data ?? []).map((connection) => ({ value: String(connection.instanceId), label: connection.instanceName }))}
        value={instanceId === undefined ? null : String(instanceId)}
        onChange={(value) => {
          if (value === null) return;
          onInstanceChange(Number(value));
          setSearch(null);
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
                {action.first && actionHeader}
                <Table.Th>Key</Table.Th>
                <Table.Th>Summary</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Assignee</Table.Th>
                <Table.Th>Type</Table.Th>
                {!action.first && actionHeader}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {found.map((issue) => (
                <Table.Tr key={issue.key}>
                  {action.first && actionCell(issue)}
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {issue.key}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{issue.summary}</Text>
                    {linkedKeys.has(issue.key) && (
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
                  {!action.first && actionCell(issue)}
                </Table.Tr>
              ))}
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
    </Stack>
  );
}
