import { Alert, Button, Checkbox, Group, Select, SimpleGrid, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { HiddenHeader } from '../../components/HiddenHeader';
import { Modal } from '../../components/dialogs';
import { Paging } from '../../components/Paging';
import { describeError, showApiError } from '../../lib/forms/showApiError';
import { useSession } from '../auth';
import { suitesQuery } from '../suites';
import { casesQuery, folderOptions, foldersQuery } from '../cases';
import {
  addCycleCases,
  cycleCasesQuery,
  cycleKey,
  cyclesKey,
  type CaseFilter,
  type CasesAdded,
  type CasesToAdd,
  type CaseStatus,
  type Cycle,
  type Priority,
} from './api';
import { PRIORITY_LABELS, STATUS_LABELS } from '../../lib/caseLabels';

const CASE_PAGE_SIZE = 20;
// "By filter" finds which of the cases it matches are in the cycle already by reading their ids,
// this many at a time, up to MAX_COUNTED cases (beyond, it only says that those are skipped).
const ID_PAGE_SIZE = 200;
const MAX_COUNTED = 2000;

const caseCount = (count: number) => `${count} ${count === 1 ? 'case' : 'cases'}`;

/** The notification after adding, from the server's answer. */
export function describeAdded({ added, alreadyInCycle }: CasesAdded, cycleName: string): string {
  if (added === 0) {
    if (alreadyInCycle === 0) return 'There was no case to add.';
    return alreadyInCycle === 1 ? 'That case is in the cycle already.' : `Those ${alreadyInCycle} cases are in the cycle already.`;
  }
  if (alreadyInCycle === 0) return `Added ${caseCount(added)} to ${cycleName}.`;
  return `Added ${caseCount(added)}; ${alreadyInCycle} ${alreadyInCycle === 1 ? 'was' : 'were'} in the cycle already.`;
}

/** The ids of every case a filter matches (at most MAX_COUNTED), read as the case list reads them. */
async function idsMatching(queryClient: QueryClient, projectId: number, filter: CaseFilter): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; ids.length < MAX_COUNTED; page++) {
    const answer = await queryClient.fetchQuery(casesQuery(projectId, filter, 'key', page, ID_PAGE_SIZE));
    ids.push(...answer.items.map((item) => item.id));
    if (answer.items.length < ID_PAGE_SIZE || ids.length >= answer.total) break;
  }
  return ids;
}

type Source = 'suite' | 'filter' | 'pick';

const CASE_STATUSES = (['READY', 'DRAFT', 'DEPRECATED'] as const satisfies readonly CaseStatus[]).map((value) => ({ value, label: STATUS_LABELS[value] }));
const PRIORITIES = (['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const satisfies readonly Priority[]).map((value) => ({ value, label: PRIORITY_LABELS[value] }));

/**
 * Add cases to a cycle: a suite's, those a filter of the repository finds, or some picked one by
 * one. Each is pinned to its current version; cases already in the cycle stay as they are.
 */
export function AddCasesModal({ projectId, cycle, onClose }: { projectId: number; cycle: Cycle; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { can } = useSession();
  const sources: Source[] = [...(can('SUITES_VIEW') ? (['suite'] as const) : []), ...(can('CASES_VIEW') ? (['filter', 'pick'] as const) : [])];
  const [source, setSource] = useState<Source | null>(sources[0] ?? null);
  // The repository's cases in the cycle already, to tell them apart (the cycle's page has read them).
  const current = useQuery(cycleCasesQuery(cycle.id));
  const inCycle: ReadonlySet<number> = new Set(current.data?.items.map((item) => item.caseId));

  const add = useMutation({
    mutationFn: (what: CasesToAdd) => addCycleCases(cycle.id, what),
    onSuccess: (answer) => {
      void queryClient.invalidateQueries({ queryKey: cycleKey(cycle.id) });
      void queryClient.invalidateQueries({ queryKey: cyclesKey(projectId) });
      notifications.show({ color: 'green', message: describeAdded(answer, cycle.name) });
      onClose();
    },
    onError: (error) => showApiError(error, 'Could not add the cases'),
  });

  return (
    <Modal opened onClose={onClose} title={`Add cases to ${cycle.name}`} size="xl">
      {sources.length === 0 ? (
        <Alert color="blue">Adding cases needs the right to see the test cases or the test suites.</Alert>
      ) : (
        <Tabs value={source} onChange={(next) => setSource(next as Source)}>
          <Tabs.List>
            {sources.includes('suite') && <Tabs.Tab value="suite">From a suite</Tabs.Tab>}
            {sources.includes('filter') && <Tabs.Tab value="filter">By filter</Tabs.Tab>}
            {sources.includes('pick') && <Tabs.Tab value="pick">One by one</Tabs.Tab>}
          </Tabs.List>
          {sources.includes('suite') && (
            <Tabs.Panel value="suite" pt="md">
              {source === 'suite' && <FromSuite projectId={projectId} adding={add.isPending} onAdd={(suiteId) => add.mutate({ suiteId })} onCancel={onClose} />}
            </Tabs.Panel>
          )}
          {sources.includes('filter') && (
            <Tabs.Panel value="filter" pt="md">
              {source === 'filter' && (
                <ByFilter projectId={projectId} inCycle={inCycle} adding={add.isPending} onAdd={(filter) => add.mutate({ filter })} onCancel={onClose} />
              )}
            </Tabs.Panel>
          )}
          {sources.includes('pick') && (
            <Tabs.Panel value="pick" pt="md">
              {source === 'pick' && (
                <OneByOne projectId={projectId} inCycle={inCycle} adding={add.isPending} onAdd={(caseIds) => add.mutate({ caseIds })} onCancel={onClose} />
              )}
            </Tabs.Panel>
          )}
        </Tabs>
      )}
    </Modal>
  );
}

interface SourceProps<T> {
  projectId: number;
  /** The ids of the repository's cases that are in the cycle already. */
  inCycle?: ReadonlySet<number>;
  adding: boolean;
  onAdd: (what: T) => void;
  onCancel: () => void;
}

function Buttons({ label, disabled, adding, onCancel }: { label: string; disabled: boolean; adding: boolean; onCancel: () => void }) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" disabled={disabled} loading={adding}>
        {label}
      </Button>
    </Group>
  );
}

function FromSuite({ projectId, adding, onAdd, onCancel }: SourceProps<number>) {
  const suites = useQuery(suitesQuery(projectId));
  const [suiteId, setSuiteId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chosen = suites.data?.find((suite) => String(suite.id) === suiteId);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!chosen) setError('Choose a suite');
        else onAdd(chosen.id);
      }}
    >
      <Stack>
        <Select
          label="Test suite"
          placeholder={suites.isPending ? 'Loading…' : 'Choose a suite'}
          description={suites.isError ? `Could not read the suites: ${describeError(suites.error)}` : undefined}
          data={(suites.data ?? []).map((suite) => ({ value: String(suite.id), label: `${suite.name} (${suite.caseCount} cases)` }))}
          value={suiteId}
          onChange={(value) => {
            setSuiteId(value);
            setError(null);
          }}
          error={error}
          searchable
          data-autofocus
        />
        {suites.data?.length === 0 && <Text size="sm">This project has no test suite yet.</Text>}
        <Buttons label={chosen ? `Add the ${chosen.caseCount} cases of ${chosen.name}` : 'Add cases'} disabled={false} adding={adding} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

function ByFilter({ projectId, inCycle = new Set(), adding, onAdd, onCancel }: SourceProps<CaseFilter>) {
  const queryClient = useQueryClient();
  const folders = useQuery(foldersQuery(projectId));
  const [q, setQ] = useState('');
  const [label, setLabel] = useState('');
  const [folderId, setFolderId] = useState<string | null>(null);
  const [status, setStatus] = useState<CaseStatus | null>(null);
  const [priority, setPriority] = useState<Priority | null>(null);
  const filter: CaseFilter = {
    ...(q.trim() ? { q: q.trim() } : {}),
    ...(label.trim() ? { label: label.trim() } : {}),
    ...(folderId ? { folderId: Number(folderId) } : {}),
    ...(status ? { status } : {}),
    ...(priority ? { priority } : {}),
  };
  // Debounced as text: a new object each render would restart the wait for ever.
  const [debounced] = useDebouncedValue(JSON.stringify(filter), 300);
  const debouncedFilter = JSON.parse(debounced) as CaseFilter;
  // One row is enough: the answer's total is what this shows.
  const preview = useQuery(casesQuery(projectId, debouncedFilter, 'key', 1, 1));
  const found = preview.data?.total;
  const stale = JSON.stringify(filter) !== debounced || preview.isPlaceholderData;
  // Which of them are in the cycle already: only worth reading when the cycle has cases.
  const countable = !stale && found !== undefined && found > 0 && found <= MAX_COUNTED && inCycle.size > 0;
  const matching = useQuery({
    // Under the root of the case lists' keys: what refreshes them refreshes this too.
    queryKey: ['projects', projectId, 'cases', 'ids', debouncedFilter],
    queryFn: () => idsMatching(queryClient, projectId, debouncedFilter),
    enabled: countable,
  });
  const already = inCycle.size === 0 ? 0 : countable && matching.data ? matching.data.filter((id) => inCycle.has(id)).length : undefined;

  let summary: string;
  let button = 'Add the cases found';
  if (preview.isError) summary = `Could not count the cases: ${describeError(preview.error)}`;
  else if (found === undefined || stale) summary = 'Counting the cases…';
  else {
    const matches = found === 1 ? '1 case matches' : `${found} cases match`;
    if (already === 0 || found === 0) {
      summary = `${matches}.`;
      button = `Add ${caseCount(found)}`;
    } else if (already === undefined) {
      summary = found > MAX_COUNTED ? `${matches}; those in the cycle already are left as they are.` : `${matches}; looking for those in the cycle already…`;
      button = 'Add those not in the cycle';
    } else if (already === found) {
      summary = found === 1 ? `${matches}; it is in the cycle already.` : `${matches}; all are in the cycle already.`;
      button = 'Nothing to add';
    } else {
      summary = `${matches}; ${already} ${already === 1 ? 'is' : 'are'} in the cycle already.`;
      button = `Add ${caseCount(found - already)}`;
    }
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onAdd(filter);
      }}
    >
      <Stack>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput label="Text or key" autoComplete="off" value={q} onChange={(event) => setQ(event.currentTarget.value)} data-autofocus />
          <Select label="Folder" placeholder="Any folder" clearable searchable data={folderOptions(folders.data ?? [])} value={folderId} onChange={setFolderId} />
          <TextInput label="Label" autoComplete="off" value={label} onChange={(event) => setLabel(event.currentTarget.value)} />
          <Select label="Case status" placeholder="Any status" clearable data={CASE_STATUSES} value={status} onChange={(value) => setStatus(value as CaseStatus | null)} />
          <Select label="Priority" placeholder="Any priority" clearable data={PRIORITIES} value={priority} onChange={(value) => setPriority(value as Priority | null)} />
        </SimpleGrid>
        <Text size="sm" aria-live="polite">
          {summary}
        </Text>
        <Buttons label={button} disabled={found === 0 || (already !== undefined && already === found)} adding={adding} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

function OneByOne({ projectId, inCycle = new Set(), adding, onAdd, onCancel }: SourceProps<number[]>) {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const cases = useQuery(casesQuery(projectId, debounced ? { q: debounced } : {}, 'key', page, CASE_PAGE_SIZE));
  // Picked cases by id, with their key for the summary; kept across searches and pages.
  const [picked, setPicked] = useState<Map<number, string>>(new Map());
  const toggle = (id: number, key: string, checked: boolean) =>
    setPicked((current) => {
      const next = new Map(current);
      if (checked) next.set(id, key);
      else next.delete(id);
      return next;
    });

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (picked.size > 0) onAdd([...picked.keys()]);
      }}
    >
      <Stack>
        <TextInput
          label="Find cases"
          description="Words of the title, precondition or steps, or a key"
          autoComplete="off"
          value={q}
          onChange={(event) => {
            setQ(event.currentTarget.value);
            setPage(1);
          }}
          data-autofocus
        />
        {cases.isError && (
          <Alert color="red" role="alert" title="Could not read the test cases">
            {describeError(cases.error)}
          </Alert>
        )}
        {cases.data && (
          <>
            <Table.ScrollContainer minWidth={560} mah={340}>
              <Table striped highlightOnHover aria-label="Test cases to pick" stickyHeader>
                <Table.Thead>
                  <Table.Tr>
                    <HiddenHeader w={40}>Picked</HiddenHeader>
                    <Table.Th w={120}>Key</Table.Th>
                    <Table.Th>Title</Table.Th>
                    <Table.Th w={70}>Steps</Table.Th>
                    <Table.Th w={80}>Version</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {cases.data.items.map((testCase) => {
                    const present = inCycle.has(testCase.id);
                    return (
                      <Table.Tr key={testCase.id}>
                        <Table.Td>
                          {/* A case in the cycle already shows as taken: ticked, and nothing to pick. */}
                          <Checkbox
                            aria-label={`Pick ${testCase.key}`}
                            aria-describedby={present ? `pick-${testCase.id}-present` : undefined}
                            checked={present || picked.has(testCase.id)}
                            disabled={present}
                            onChange={(event) => toggle(testCase.id, testCase.key, event.currentTarget.checked)}
                          />
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" fw={600}>
                            {testCase.key}
                          </Text>
                          {present && (
                            <Text id={`pick-${testCase.id}-present`} size="xs" c="dimmed">
                              in the cycle
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{testCase.title}</Text>
                        </Table.Td>
                        <Table.Td>{testCase.stepCount}</Table.Td>
                        <Table.Td>{testCase.version}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Paging noun="case" page={page} pageSize={CASE_PAGE_SIZE} total={cases.data.total} onChange={setPage} busy={cases.isPlaceholderData} />
          </>
        )}
        <Text size="sm" c="dimmed" aria-live="polite">
          {picked.size === 0 ? 'No case picked' : `${picked.size} picked: ${[...picked.values()].join(', ')}`}
        </Text>
        <Buttons label={picked.size > 1 ? `Add ${picked.size} cases` : 'Add case'} disabled={picked.size === 0} adding={adding} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
