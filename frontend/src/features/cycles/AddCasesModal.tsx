import { Alert, Button, Checkbox, Group, Select, SimpleGrid, Stack, Table, Tabs, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Modal } from '../../components/dialogs';
import { Paging } from '../../components/Paging';
import { describeError, showApiError } from '../../lib/forms/showApiError';
import { useSession } from '../auth';
import { suitesQuery } from '../suites';
import { casesQuery, folderOptions, foldersQuery } from '../cases';
import { addCycleCases, cycleKey, cyclesKey, type CaseFilter, type CasesToAdd, type CaseStatus, type Cycle, type Priority } from './api';

const CASE_PAGE_SIZE = 20;

type Source = 'suite' | 'filter' | 'pick';

const CASE_STATUSES: { value: CaseStatus; label: string }[] = [
  { value: 'READY', label: 'Ready' },
  { value: 'DRAFT', label: 'Draft' },
  { value: 'DEPRECATED', label: 'Deprecated' },
];
const PRIORITIES: { value: Priority; label: string }[] = [
  { value: 'CRITICAL', label: 'Critical' },
  { value: 'HIGH', label: 'High' },
  { value: 'MEDIUM', label: 'Medium' },
  { value: 'LOW', label: 'Low' },
];

/**
 * Add cases to a cycle: a suite's, those a filter of the repository finds, or some picked one by
 * one. Each is pinned to its current version; cases already in the cycle stay as they are.
 */
export function AddCasesModal({ projectId, cycle, onClose }: { projectId: number; cycle: Cycle; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { can } = useSession();
  const sources: Source[] = [...(can('SUITES_VIEW') ? (['suite'] as const) : []), ...(can('CASES_VIEW') ? (['filter', 'pick'] as const) : [])];
  const [source, setSource] = useState<Source | null>(sources[0] ?? null);

  const add = useMutation({
    mutationFn: (cases: CasesToAdd) => addCycleCases(cycle.id, cases),
    onSuccess: (added) => {
      void queryClient.invalidateQueries({ queryKey: cycleKey(cycle.id) });
      void queryClient.invalidateQueries({ queryKey: cyclesKey(projectId) });
      notifications.show({
        color: 'green',
        message: added === 0 ? 'Those cases are in the cycle already.' : `Added ${added} ${added === 1 ? 'case' : 'cases'} to ${cycle.name}.`,
      });
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
              {source === 'filter' && <ByFilter projectId={projectId} adding={add.isPending} onAdd={(filter) => add.mutate({ filter })} onCancel={onClose} />}
            </Tabs.Panel>
          )}
          {sources.includes('pick') && (
            <Tabs.Panel value="pick" pt="md">
              {source === 'pick' && <OneByOne projectId={projectId} adding={add.isPending} onAdd={(caseIds) => add.mutate({ caseIds })} onCancel={onClose} />}
            </Tabs.Panel>
          )}
        </Tabs>
      )}
    </Modal>
  );
}

interface SourceProps<T> {
  projectId: number;
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

function ByFilter({ projectId, adding, onAdd, onCancel }: SourceProps<CaseFilter>) {
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
  // One row is enough: the answer's total is what this shows.
  const preview = useQuery(casesQuery(projectId, JSON.parse(debounced) as CaseFilter, 'key', 1, 1));
  const found = preview.data?.total;
  const stale = JSON.stringify(filter) !== debounced || preview.isPlaceholderData;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onAdd(filter);
      }}
    >
      <Stack>
        <SimpleGrid cols={2}>
          <TextInput label="Text or key" autoComplete="off" value={q} onChange={(event) => setQ(event.currentTarget.value)} data-autofocus />
          <Select label="Folder" placeholder="Any folder" clearable searchable data={folderOptions(folders.data ?? [])} value={folderId} onChange={setFolderId} />
          <TextInput label="Label" autoComplete="off" value={label} onChange={(event) => setLabel(event.currentTarget.value)} />
          <Select label="Case status" placeholder="Any status" clearable data={CASE_STATUSES} value={status} onChange={(value) => setStatus(value as CaseStatus | null)} />
          <Select label="Priority" placeholder="Any priority" clearable data={PRIORITIES} value={priority} onChange={(value) => setPriority(value as Priority | null)} />
        </SimpleGrid>
        <Text size="sm" aria-live="polite">
          {preview.isError
            ? `Could not count the cases: ${describeError(preview.error)}`
            : found === undefined || stale
              ? 'Counting the cases…'
              : `${found} ${found === 1 ? 'case matches' : 'cases match'}.`}
        </Text>
        <Buttons
          label={found === undefined || stale ? 'Add the cases found' : `Add ${found} ${found === 1 ? 'case' : 'cases'}`}
          disabled={found === 0}
          adding={adding}
          onCancel={onCancel}
        />
      </Stack>
    </form>
  );
}

function OneByOne({ projectId, adding, onAdd, onCancel }: SourceProps<number[]>) {
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
                    <Table.Th w={40}>
                      <VisuallyHidden>Picked</VisuallyHidden>
                    </Table.Th>
                    <Table.Th w={120}>Key</Table.Th>
                    <Table.Th>Title</Table.Th>
                    <Table.Th w={70}>Steps</Table.Th>
                    <Table.Th w={80}>Version</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {cases.data.items.map((testCase) => (
                    <Table.Tr key={testCase.id}>
                      <Table.Td>
                        <Checkbox
                          aria-label={`Pick ${testCase.key}`}
                          checked={picked.has(testCase.id)}
                          onChange={(event) => toggle(testCase.id, testCase.key, event.currentTarget.checked)}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {testCase.key}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{testCase.title}</Text>
                      </Table.Td>
                      <Table.Td>{testCase.stepCount}</Table.Td>
                      <Table.Td>{testCase.version}</Table.Td>
                    </Table.Tr>
                  ))}
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
