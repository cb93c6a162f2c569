import { Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DownloadIcon } from '../../components/icons';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { Paging } from '../../components/Paging';
import { formatDateTime } from '../../lib/format';
import {
  describeEventType,
  EVENT_TYPES,
  HISTORY_PAGE_SIZE,
  historyCsvUrl,
  historyQuery,
  NO_FILTERS,
  type EventType,
  type HistoryFilters,
} from './api';

const EVENT_TYPE_OPTIONS = Object.entries(EVENT_TYPES).map(([value, label]) => ({ value, label }));

/** The OAuth history of one instance: newest first, filtered, paged, exportable. */
export function HistoryPanel({ instanceId }: { instanceId: number }) {
  const [filters, setFilters] = useState<HistoryFilters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  // Typing a name asks the server once the typing pauses, not per key.
  const [user] = useDebouncedValue(filters.user, 300);
  const applied = { ...filters, user };
  const history = useQuery(historyQuery(instanceId, applied, page));

  const change = (changes: Partial<HistoryFilters>) => {
    setFilters((current) => ({ ...current, ...changes }));
    setPage(1);
  };
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label="Event type"
          placeholder="All events"
          data={EVENT_TYPE_OPTIONS}
          value={filters.eventType || null}
          onChange={(value) => change({ eventType: (value ?? '') as EventType | '' })}
          clearable
          searchable
          w={240}
        />
        <TextInput
          label="User"
          placeholder="Name contains…"
          value={filters.user}
          onChange={(event) => change({ user: event.currentTarget.value })}
          w={180}
        />
        <TextInput
          label="From"
          type="date"
          value={filters.from}
          max={filters.to || undefined}
          onChange={(event) => change({ from: event.currentTarget.value })}
          w={160}
        />
        <TextInput
          label="To"
          type="date"
          value={filters.to}
          min={filters.from || undefined}
          onChange={(event) => change({ to: event.currentTarget.value })}
          w={160}
        />
        {filtered && (
          <Button variant="subtle" onClick={() => change(NO_FILTERS)}>
            Clear filters
          </Button>
        )}
        <Button
          component="a"
          href={historyCsvUrl(instanceId, applied)}
          download
          variant="default"
          leftSection={<DownloadIcon size={16} />}
          ml="auto"
        >
          Export CSV
        </Button>
      </Group>

      {history.isPending && <LoadingState />}
      {history.isError && <LoadFailure error={history.error} onRetry={() => void history.refetch()} />}
      {history.data && (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table striped aria-label="OAuth history" aria-busy={history.isFetching}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>Event</Table.Th>
                  <Table.Th>Outcome</Table.Th>
                  <Table.Th>Reason</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text size="sm" c="dimmed" ta="center" py="md">
                        {filtered ? 'No events match these filters.' : 'Nothing has happened yet.'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {history.data.items.map((entry) => (
                  <Table.Tr key={entry.id} data-event-type={entry.eventType}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.occurredAt)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{entry.actor}</Text>
                      {entry.clientAddress && (
                        <Text size="xs" c="dimmed">
                          from {entry.clientAddress}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{describeEventType(entry.eventType)}</Table.Td>
                    <Table.Td>
                      <Badge color={entry.outcome === 'SUCCESS' ? 'green' : 'red'} variant="light" tt="none">
                        {entry.outcome === 'SUCCESS' ? 'Success' : 'Failure'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{entry.reason ?? '—'}</Text>
                      {entry.requestId && (
                        <Text size="xs" c="dimmed">
                          request {entry.requestId}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Paging
            noun="event"
            page={page}
            pageSize={HISTORY_PAGE_SIZE}
            total={history.data.total}
            onChange={setPage}
            busy={history.isFetching}
          />
        </>
      )}
    </Stack>
  );
}
