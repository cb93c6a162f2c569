import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Modal } from '../../components/dialogs';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { showApiError } from '../../lib/forms/showApiError';
import { describeRight } from '../auth';
import { deleteRole, rolesQuery, type Role } from './api';
import { RoleFormModal } from './RoleFormModal';

type RoleDialog = { kind: 'add' } | { kind: 'edit'; role: Role } | { kind: 'delete'; role: Role } | null;

export function RolesPanel() {
  const roles = useQuery(rolesQuery);
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<RoleDialog>(null);
  const closeDialog = () => setDialog(null);

  const remove = useMutation({
    mutationFn: (role: Role) => deleteRole(role.id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: rolesQuery.queryKey }),
    onError: (error) => showApiError(error, 'Could not delete the role'),
    onSettled: closeDialog,
  });

  if (roles.isPending) return <LoadingState />;
  if (roles.isError) return <LoadFailure error={roles.error} onRetry={() => void roles.refetch()} />;

  return (
    <Stack>
      <Group justify="flex-end">
        <Button onClick={() => setDialog({ kind: 'add' })}>Add role</Button>
      </Group>
      <Table striped aria-label="Roles">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Role</Table.Th>
            <Table.Th>Rights</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {roles.data.map((role) => (
            <Table.Tr key={role.id}>
              <Table.Td>
                <Group gap="xs">
                  <Text size="sm">{role.name}</Text>
                  {role.builtIn && (
                    <Badge size="xs" variant="outline" color="gray" style={{ flexShrink: 0 }}>
                      built-in
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {role.rights.map((right) => (
                    <Badge key={right} variant="light">
                      {describeRight(right)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                {!role.builtIn && (
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={`Edit role ${role.name}`}
                      onClick={() => setDialog({ kind: 'edit', role })}
                    >
                      Edit
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      color="red"
                      aria-label={`Delete role ${role.name}`}
                      onClick={() => setDialog({ kind: 'delete', role })}
                    >
                      Delete
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      {dialog?.kind === 'add' && <RoleFormModal onClose={closeDialog} />}
      {dialog?.kind === 'edit' && <RoleFormModal role={dialog.role} onClose={closeDialog} />}
      {dialog?.kind === 'delete' && (
        <Modal opened onClose={closeDialog} title={`Delete role ${dialog.role.name}?`}>
          <Stack>
            <Text size="sm">Only a role that no user holds can be deleted.</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={closeDialog} data-autofocus>
                Cancel
              </Button>
              <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(dialog.role)}>
                Delete
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}
