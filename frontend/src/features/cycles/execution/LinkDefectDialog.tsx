import { Alert, Button, Center, Group, Loader, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isJiraAuthRequired } from '../../../api/ApiError';
import { Modal } from '../../../components/dialogs';
import { SearchIcon } from '../../../components/icons';
import { describeError } from '../../../lib/forms/showApiError';
import { JiraStatusBadge, NeedsJiraAccount } from '../../issues';
import { myJiraConnectionsQuery } from '../../jira-auth';
import type { Project } from '../../projects';
import { jiraSearchQuery, type JiraIssueSummary, type JiraSearch } from '../../suites';
import { cycleKey, linkDefect, type Attempt, type AttemptStep } from '../api';

interface LinkDefectDialogProps {
  project: Project;
  attempt: Attempt;
  /** The step the issue is about; none for the run as a whole. */
  step: AttemptStep | null;
  onClose: () => void;
}

/**
 * "Link issue": an existing Jira issue, found by its key or by text (as the tester), linked to the
 * attempt (and a step); Jira gets a link back to the run.
 */
export function LinkDefectDialog({ project, attempt, step, onClose }: LinkDefectDialogProps) {
  const queryClient = useQueryClient();
  const connections = useQuery(myJiraConnectionsQuery);
  const [chosenInstance, setChosenInstance] = useState<string | null>(project.defaultInstanceId ? String(project.defaultInstanceId) : null);
  const onlyInstance = connections.data?.length === 1 ? String(connections.data[0]?.instanceId) : null;
  const instanceValue = chosenInstance ?? onlyInstance;
  const instanceId = instanceValue ? Number(instanceValue) : undefined;
  const [text, setText] = useState('');
  const [searchError, setSearchError] = useState<string | null>(null);
  const [search, setSearch] = useState<JiraSearch | null>(null);
  const results = useInfiniteQuery({ ...jiraSearchQuery(search ?? { instanceId: 0, text: '' }), enabled: search !== null });
  const found = results.data?.pages.flatMap((page) => page.items) ?? [];
  const linkedKeys = new Set(attempt.defects.filter((defect) => defect.instanceId === instanceId).map((defect) => defect.key));

  const link = useMutation({
    mutationFn: (issue: JiraIssueSummary) => linkDefect(attempt.cycleId, attempt.id, { instanceId: instanceId ?? 0, key: issue.key, ...(step ? { stepId: step.id } : {}) }),
    onSuccess: (defect) => {
      void queryClient.invalidateQueries({ queryKey: cycleKey(attempt.cycleId) });
      notifications.show({ color: 'green', message: `Linked ${defect.key} to ${step ? `step ${step.number} of ` : ''}${attempt.key}.` });
      onClose();
    },
  });

  const runSearch = () => {
    const query = text.trim();
    if (instanceId === undefined) return setSearchError('Choose a Jira instance first');
    if (!query) return setSearchError('Enter an issue key or some text');
    setSearchError(null);
    setSearch({ instanceId, text: query });
  };

  return (
    <Modal opened onClose={onClose} title={step ? `Link a Jira issue to step ${step.number}` : `Link a Jira issue to ${attempt.key}`} size="xl">
      <Stack>
        <Select
          label="Jira instance"
          placeholder={connections.isPending ? 'Loading…' : 'Choose an instance'}
          data={(connections.data ?? []).map((connection) => ({ value: String(connection.instanceId), label: connection.instanceName }))}
          value={instanceValue}
          onChange={(value) => {
            setChosenInstance(value);
            setSearch(null);
          }}
          allowDeselect={false}
        />
        <form
          role="search"
          aria-label="Search Jira"
          onSubmit={(event) => {
            event.preventDefault();
            runSearch();
          }}
        >
          <Group align="flex-start" wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              label="Issue key or text"
              placeholder="TB-12, or words of the summary"
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
        </form>
        {search && results.isPending && (
          <Center py="md">
            <Loader size="sm" role="status" aria-label="Searching Jira" />
          </Center>
        )}
        {results.isError &&
          (isJiraAuthRequired(results.error) && search ? (
            <NeedsJiraAccount error={results.error} instanceId={search.instanceId} actionLabel="Authenticate and search again" onAuthenticated={() => void results.refetch()} />
          ) : (
            <Alert color="red" role="alert" title="Could not search Jira">
              {describeError(results.error)}
            </Alert>
          ))}
        {search && results.isSuccess && found.length === 0 && <Text size="sm">No Jira issue matches “{search.text}”.</Text>}
        {found.length > 0 && (
          <Table.ScrollContainer minWidth={600} mah={340}>
            <Table striped aria-label="Jira issues found" stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Key</Table.Th>
                  <Table.Th>Summary</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Assignee</Table.Th>
                  <Table.Th aria-label="Actions" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {found.map((issue) => (
                  <Table.Tr key={issue.key}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {issue.key}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{issue.summary}</Text>
                    </Table.Td>
                    <Table.Td>
                      <JiraStatusBadge status={issue.status} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{issue.assignee ?? 'Unassigned'}</Text>
                    </Table.Td>
                    <Table.Td>
                      {linkedKeys.has(issue.key) ? (
                        <Text size="xs" c="dimmed">
                          linked already
                        </Text>
                      ) : (
                        <Button size="xs" aria-label={`Link ${issue.key}`} loading={link.isPending && link.variables === issue} onClick={() => link.mutate(issue)}>
                          Link
                        </Button>
                      )}
                    </Table.Td>
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
        {link.isError && (
          <Alert color="red" role="alert" title="Could not link the issue">
            {describeError(link.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
