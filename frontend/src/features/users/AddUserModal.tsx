import { Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Modal } from '../../components/dialogs';
import { showApiError } from '../../lib/forms/showApiError';
import { validateEmail, validatePassword, validateUsername } from '../../lib/forms/validators';
import { createUser, usersQuery, type NewUser } from './api';
import { RoleChoice } from './RoleChoice';

const EMPTY_USER: NewUser = { username: '', displayName: '', email: '', password: '', roleIds: [] };

export function AddUserModal({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<NewUser>({
    initialValues: EMPTY_USER,
    validate: {
      username: validateUsername,
      displayName: (value) => (value.trim() ? null : 'Enter a display name'),
      email: validateEmail,
      password: validatePassword,
    },
  });

  const close = () => {
    form.reset();
    onClose();
  };

  const addUser = useMutation({
    mutationFn: createUser,
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: usersQuery.queryKey });
      notifications.show({ color: 'green', message: `Added ${user.displayName} (${user.username}).` });
      close();
    },
    onError: (error) => showApiError(error, 'Could not add the user', form),
  });

  return (
    <Modal opened onClose={close} title="Add user">
      <form onSubmit={form.onSubmit((user) => addUser.mutate(user))} noValidate>
        <Stack>
          <TextInput label="Username" autoComplete="off" withAsterisk data-autofocus {...form.getInputProps('username')} />
          <TextInput label="Display name" autoComplete="off" withAsterisk {...form.getInputProps('displayName')} />
          <TextInput label="Email" type="email" autoComplete="off" withAsterisk {...form.getInputProps('email')} />
          <PasswordInput
            label="Initial password"
            description="At least 12 characters; tell the user through a safe channel"
            autoComplete="new-password"
            withAsterisk
            {...form.getInputProps('password')}
          />
          <RoleChoice
            value={form.values.roleIds}
            onChange={(value) => form.setFieldValue('roleIds', value)}
            error={form.errors.roleIds}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={addUser.isPending}>
              Add user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
