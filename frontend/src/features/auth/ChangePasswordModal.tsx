import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/ApiError';
import { Modal } from '../../components/dialogs';
import { describeError, showApiError } from '../../lib/forms/showApiError';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, validatePassword } from '../../lib/forms/validators';
import { changeMyPassword } from './api';
import { useSession } from './session';
import { useLeaveSession } from './useLogOut';

/** What the server asks of a new password (PasswordPolicy), so that it is seldom refused. */
const NEW_PASSWORD_RULE =
  `${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters, not one of the most common passwords ` +
  'nor a few characters repeated. A few unrelated words work well.';

const PASSWORD_CHANGED_NOTICE = 'password-changed';

interface ChangePasswordForm {
  currentPassword: string;
  newPassword: string;
  repeatPassword: string;
}

/**
 * The notice that the password changed stays until the user logs in again (or closes it): once
 * the app shows a session again, it is done with. For the app's layout to call when it appears.
 */
export function dismissPasswordChangedNotice(): void {
  notifications.hide(PASSWORD_CHANGED_NOTICE);
}

/**
 * The user changes their own password. The server then ends every session of theirs, this one
 * too: like a logout, the app forgets what it knew and shows the login page, with a notice.
 */
export function ChangePasswordModal({ onClose }: { onClose: () => void }) {
  const { user } = useSession();
  const leaveSession = useLeaveSession();
  // About the whole form, not one field: throttling (it says when to try again).
  const [failure, setFailure] = useState<string | null>(null);
  const formElement = useRef<HTMLFormElement>(null);
  // Bumped when errors come back (from the checks or the server): focus goes to the first invalid field.
  const [invalidShown, setInvalidShown] = useState(0);
  useEffect(() => {
    if (invalidShown > 0) formElement.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [invalidShown]);

  const form = useForm<ChangePasswordForm>({
    initialValues: { currentPassword: '', newPassword: '', repeatPassword: '' },
    validate: {
      currentPassword: (value) => (value ? null : 'Enter your current password'),
      newPassword: validatePassword,
      repeatPassword: (value, values) => (value === values.newPassword ? null : 'The passwords differ'),
    },
  });

  // Mantine's PasswordInput shows an error without marking its <input> invalid (its TextInput does).
  const passwordProps = (path: keyof ChangePasswordForm) => ({
    ...form.getInputProps(path),
    'aria-invalid': form.errors[path] !== undefined,
  });

  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: ChangePasswordForm) =>
      changeMyPassword({ currentPassword, newPassword }),
    onSuccess: () => {
      notifications.show({
        id: PASSWORD_CHANGED_NOTICE,
        color: 'green',
        title: 'Password changed',
        message: 'Your password was changed. Log in with the new one.',
        autoClose: false,
      });
      // The session is over on the server: as after a logout.
      leaveSession();
    },
    onError: (error) => {
      if (isApiError(error, 429)) {
        setFailure(describeError(error));
        return;
      }
      showApiError(error, 'Could not change the password', form);
      setInvalidShown((count) => count + 1);
    },
  });

  return (
    <Modal opened onClose={onClose} title="Change password">
      <form
        ref={formElement}
        onSubmit={form.onSubmit(
          (values) => {
            setFailure(null);
            change.mutate(values);
          },
          () => setInvalidShown((count) => count + 1),
        )}
        noValidate
      >
        <Stack>
          <Text size="sm">
            You will be logged out everywhere, in this browser too; then log in with the new password.
          </Text>
          {failure && (
            <Alert color="red" role="alert" title="Password not changed">
              {failure}
            </Alert>
          )}
          {/* For password managers: the account whose password this is. */}
          <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            withAsterisk
            data-autofocus
            {...passwordProps('currentPassword')}
          />
          <PasswordInput
            label="New password"
            description={NEW_PASSWORD_RULE}
            autoComplete="new-password"
            withAsterisk
            {...passwordProps('newPassword')}
          />
          <PasswordInput
            label="Repeat new password"
            autoComplete="new-password"
            withAsterisk
            {...passwordProps('repeatPassword')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
