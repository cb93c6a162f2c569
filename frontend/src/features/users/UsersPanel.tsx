import { Badge, Button, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { showApiError } from '../../lib/forms/showApiError';
import { useSession } from '../auth';
import { AddUserModal } from './AddUserModal';
import { updateUser, usersQuery, type User } from './api';
import { EditUserModal } from './EditUserModal';
import { ResetPasswordModal } from './ResetPasswordModal';

export function UsersPanel() {
  const users = useQuery(usersQuery);
  const { user: currentUser } = useSession();
  const queryClient = useQueryClient();
  const [addOpened, { open: openAdd, close: closeAdd }] = useDisclosure();
  const [editing, setEditing] = useState<User | null>(null);
  const [resettingPassword, setResettingPassword] = useState<User | null>(null);

  const setDisabled = useMutation({
    mutationFn: ({ user, disabled }: { user: User; disabled: boolean }) => updateUser(user.id, { disabled }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: usersQuery.queryKey }),
    onError: (error) => showApiError(error, 'Could not change the user'),
  });

  if (users.isPending) return <LoadingState />;
  if (users.isError) return <LoadFailure error={users.error} onRetry={() => void users.refetch()} />;

  return (
    <Stack>
      <Group justify="flex-end">
        <Button onClick={openAdd}>Add user</Button>
      </Group>
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover aria-label="Users">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Username</Table.Th>
              <Table.Th>Display name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Roles</Table.Th>
              <Table.Th>Enabled</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.data.map((user) => (
              <Table.Tr key={user.id}>
                <Table.Td>{user.username}</Table.Td>
                <Table.Td>{user.displayName}</Table.Td>
                <Table.Td>{user.email}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {user.roles.length === 0 && (
                      <Text size="sm" c="dimmed">
                        none
                      </Text>
                    )}
                    {user.roles.map((role) => (
                      <Badge key={role.id} variant="light">
                        {role.name}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Switch
                    aria-label={`Enabled: ${user.username}`}
                    checked={!user.disabled}
                    disabled={user.id === currentUser.id}
                    title={user.id === currentUser.id ? 'You cannot disable yourself' : undefined}
                    onChange={(event) => setDisabled.mutate({ user, disabled: !event.currentTarget.checked })}
                  />
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="default" aria-label={`Edit ${user.username}`} onClick={() => setEditing(user)}>
                      Edit
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={`Reset password of ${user.username}`}
                      onClick={() => setResettingPassword(user)}
                    >
                      Reset password
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {addOpened && <AddUserModal onClose={closeAdd} />}
      {editing && <EditUserModal user={editing} onClose={() => setEditing(null)} />}
      {resettingPassword && <ResetPasswordModal user={resettingPassword} onClose={() => setResettingPassword(null)} />}
    </Stack>
  );
}
