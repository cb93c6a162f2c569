import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { Modal } from '../../components/dialogs';
import { showApiError } from '../../lib/forms/showApiError';
import { validatePassword } from '../../lib/forms/validators';
import { resetPassword, type User } from './api';

export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const form = useForm({
    initialValues: { password: '' },
    validate: { password: validatePassword },
  });

  const reset = useMutation({
    mutationFn: ({ password }: { password: string }) => resetPassword(user.id, password),
    onSuccess: () => {
      notifications.show({ color: 'green', message: `New password set for ${user.username}.` });
      onClose();
    },
    onError: (error) => showApiError(error, 'Could not reset the password', form),
  });

  return (
    <Modal opened onClose={onClose} title={`Reset password of ${user.username}`}>
      <form onSubmit={form.onSubmit((values) => reset.mutate(values))} noValidate>
        <Stack>
          <Text size="sm">The user is logged out everywhere and logs in with the new password.</Text>
          <PasswordInput
            label="New password"
            description="At least 12 characters"
            autoComplete="new-password"
            withAsterisk
            data-autofocus
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={reset.isPending}>
              Set password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
