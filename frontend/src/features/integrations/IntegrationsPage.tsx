import { Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PlusIcon, SearchIcon } from '../../components/icons';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { Paging } from '../../components/Paging';
import { showApiError } from '../../lib/forms/showApiError';
import { integrationsKey, type JiraInstance } from '../../lib/jiraInstance';
import { useSession } from '../auth';
import { OAuthHistoryDrawer } from '../history';
import { AdminConnectionWizard, DisableOAuthModal } from '../oauth';
import { checkInstance, INSTANCES_PAGE_SIZE, integrationsQuery } from './api';
import { DeleteInstanceModal } from './DeleteInstanceModal';
import { InstanceFormModal } from './InstanceFormModal';
import { InstanceRow, type InstanceAction } from './InstanceRow';
import { statusLabel } from './InstanceStatusBadge';

type Dialog =
  | { kind: 'add' }
  | { kind: Exclude<InstanceAction, 'check'>; instance: JiraInstance }
  | null;

/** Registered Jira instances: status, OAuth toggle, wrench, log; filtered by URL and paged on the server. */
export function IntegrationsPage() {
  const { can } = useSession();
  const canModify = can('INTEGRATION_MODIFY');
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState('');
  const [debouncedFilter] = useDebouncedValue(filter.trim(), 300);
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<Dialog>(null);
  const instances = useQuery(integrationsQuery(debouncedFilter, page));
  const closeDialog = () => setDialog(null);

  // Deleting the last row of the last page leaves an empty page behind: show the one before
  // (set while rendering, so the empty page is never drawn; React renders again at once).
  const total = instances.data?.total;
  const lastPage = total === undefined ? undefined : Math.max(1, Math.ceil(total / INSTANCES_PAGE_SIZE));
  if (lastPage !== undefined && page > lastPage) setPage(lastPage);

  const check = useMutation({
    mutationFn: (instance: JiraInstance) => checkInstance(instance.id),
    onSuccess: (checked) => {
      void queryClient.invalidateQueries({ queryKey: integrationsKey });
      notifications.show({
        color: checked.status === 'UNREACHABLE' ? 'yellow' : 'green',
        title: `${checked.name}: ${statusLabel(checked.status)}`,
        message: checked.statusReason ?? (checked.version ? `Jira ${checked.version}` : 'Jira answers.'),
      });
    },
    onError: (error) => showApiError(error, 'Could not check the instance'),
  });

  const act = (action: InstanceAction, instance: JiraInstance) => {
    if (action === 'check') check.mutate(instance);
    else setDialog({ kind: action, instance });
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>Integrations</Title>
          <Text size="sm" c="dimmed">
            The Jira Cloud sites and Data Center instances Testbridge works with. Turn OAuth on to connect one; each
            tester then works in Jira as themself.
          </Text>
        </Stack>
        {canModify && (
          <Button leftSection={<PlusIcon size={16} />} onClick={() => setDialog({ kind: 'add' })}>
            Add Jira instance
          </Button>
        )}
      </Group>

      <TextInput
        label="Filter by URL"
        placeholder="e.g. atlassian.net"
        leftSection={<SearchIcon size={16} />}
        value={filter}
        onChange={(event) => {
          setFilter(event.currentTarget.value);
          setPage(1);
        }}
        maxLength={500}
        maw={420}
        type="search"
      />

      {instances.isPending && <LoadingState />}
      {instances.isError && <LoadFailure error={instances.error} onRetry={() => void instances.refetch()} />}
      {instances.data && (
        <>
          <Table.ScrollContainer minWidth={960}>
            <Table striped highlightOnHover verticalSpacing="sm" aria-label="Jira instances" aria-busy={instances.isFetching}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th miw={140}>Name</Table.Th>
                  <Table.Th>URL</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th miw={120}>Status</Table.Th>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>OAuth</Table.Th>
                  {canModify && <Table.Th>Actions</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {instances.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={canModify ? 7 : 6}>
                      <Text size="sm" c="dimmed" ta="center" py="lg">
                        {debouncedFilter
                          ? `No instance URL or name contains “${debouncedFilter}”.`
                          : canModify
                            ? 'No Jira instance yet. Add your Jira Cloud site or Data Center instance to start.'
                            : 'No Jira instance yet. An administrator adds them.'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {instances.data.items.map((instance) => (
                  <InstanceRow
                    key={instance.id}
                    instance={instance}
                    canModify={canModify}
                    checking={check.isPending && check.variables.id === instance.id}
                    onAction={act}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Paging
            noun="instance"
            page={page}
            pageSize={INSTANCES_PAGE_SIZE}
            total={instances.data.total}
            onChange={setPage}
            busy={instances.isFetching}
          />
        </>
      )}

      {dialog?.kind === 'add' && <InstanceFormModal onClose={closeDialog} />}
      {dialog?.kind === 'edit' && <InstanceFormModal instance={dialog.instance} onClose={closeDialog} />}
      {dialog?.kind === 'delete' && <DeleteInstanceModal instance={dialog.instance} onClose={closeDialog} />}
      {dialog?.kind === 'enable-oauth' && <AdminConnectionWizard instance={dialog.instance} mode="enable" onClose={closeDialog} />}
      {dialog?.kind === 'update-oauth' && <AdminConnectionWizard instance={dialog.instance} mode="update" onClose={closeDialog} />}
      {dialog?.kind === 'disable-oauth' && <DisableOAuthModal instance={dialog.instance} onClose={closeDialog} />}
      {dialog?.kind === 'history' && <OAuthHistoryDrawer instance={dialog.instance} onClose={closeDialog} />}
    </Stack>
  );
}
