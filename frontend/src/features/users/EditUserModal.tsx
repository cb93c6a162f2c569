import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Modal } from '../../components/dialogs';
import { showApiError } from '../../lib/forms/showApiError';
import { validateEmail } from '../../lib/forms/validators';
import { meQuery } from '../auth';
import { updateUser, usersQuery, type User } from './api';
import { RoleChoice } from './RoleChoice';

interface EditableUser {
  displayName: string;
  email: string;
  roleIds: number[];
}

/** Name, email and roles of an existing user; rendered only while open, so it starts from `user`. */
export function EditUserModal({ user, onClose }: { user: User; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<EditableUser>({
    initialValues: {
      displayName: user.displayName,
      email: user.email,
      roleIds: user.roles.map((role) => role.id),
    },
    validate: {
      displayName: (value) => (value.trim() ? null : 'Enter a display name'),
      email: validateEmail,
    },
  });

  const save = useMutation({
    mutationFn: (changes: EditableUser) => updateUser(user.id, changes),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: usersQuery.queryKey });
      // The admin may have changed their own roles, and so their rights.
      void queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
      onClose();
    },
    onError: (error) => showApiError(error, 'Could not save the user', form),
  });

  return (
    <Modal opened onClose={onClose} title={`Edit ${user.username}`}>
      <form onSubmit={form.onSubmit((changes) => save.mutate(changes))} noValidate>
        <Stack>
          <TextInput label="Display name" withAsterisk data-autofocus {...form.getInputProps('displayName')} />
          <TextInput label="Email" type="email" withAsterisk {...form.getInputProps('email')} />
          <RoleChoice
            value={form.values.roleIds}
            onChange={(value) => form.setFieldValue('roleIds', value)}
            error={form.errors.roleIds}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
