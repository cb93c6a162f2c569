import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { showApiError } from '../../lib/forms/showApiError';
import { validateEmail, validatePassword, validateUsername } from '../../lib/forms/validators';
import { createFirstAdministrator, logIn, meQuery, setupQuery, type NewAdministrator } from './api';
import { AuthFrame } from './AuthFrame';

interface SetupForm extends NewAdministrator {
  repeatPassword: string;
}

/** First run: create the administrator, then log in as them without asking again. */
export function SetupAdminPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const setup = useQuery(setupQuery);

  const form = useForm<SetupForm>({
    initialValues: { username: '', displayName: '', email: '', password: '', repeatPassword: '' },
    validate: {
      username: validateUsername,
      displayName: (value) => (value.trim() ? null : 'Enter a display name'),
      email: validateEmail,
      password: validatePassword,
      repeatPassword: (value, values) => (value === values.password ? null : 'The passwords differ'),
    },
  });

  const createAdministrator = useMutation({
    mutationFn: async ({ repeatPassword: _, ...administrator }: SetupForm) => {
      await createFirstAdministrator(administrator);
      queryClient.setQueryData(setupQuery.queryKey, { needsAdmin: false });
      return logIn({ username: administrator.username, password: administrator.password });
    },
    onSuccess: (session) => {
      queryClient.setQueryData(meQuery.queryKey, session);
      void navigate('/', { replace: true });
    },
    onError: (error) => {
      if (isApiError(error, 409)) {
        // Someone else created the administrator meanwhile.
        queryClient.setQueryData(setupQuery.queryKey, { needsAdmin: false });
        notifications.show({ color: 'yellow', title: 'Testbridge is already set up', message: error.message });
      } else if (queryClient.getQueryData(setupQuery.queryKey)?.needsAdmin === false) {
        // Created, but the automatic login failed: the login page can take it from here.
        notifications.show({ color: 'yellow', title: 'Administrator created', message: 'Please log in.' });
      } else {
        showApiError(error, 'Could not create the administrator', form);
        return;
      }
      void navigate('/login', { replace: true });
    },
  });

  if (setup.isError) return <LoadFailure error={setup.error} onRetry={() => void setup.refetch()} />;
  if (setup.isPending) return <LoadingState />;
  if (!setup.data.needsAdmin && createAdministrator.isIdle) return <Navigate to="/login" replace />;

  return (
    <AuthFrame
      title="Create the administrator"
      intro="Testbridge has no users yet. The first one manages users, roles and Jira integrations."
    >
      <form onSubmit={form.onSubmit((values) => createAdministrator.mutate(values))} noValidate>
        <Stack>
          <TextInput label="Username" autoComplete="username" withAsterisk autoFocus {...form.getInputProps('username')} />
          <TextInput label="Display name" autoComplete="name" withAsterisk {...form.getInputProps('displayName')} />
          <TextInput label="Email" type="email" autoComplete="email" withAsterisk {...form.getInputProps('email')} />
          <PasswordInput
            label="Password"
            description="At least 12 characters"
            autoComplete="new-password"
            withAsterisk
            {...form.getInputProps('password')}
          />
          <PasswordInput
            label="Repeat password"
            autoComplete="new-password"
            withAsterisk
            {...form.getInputProps('repeatPassword')}
          />
          <Button type="submit" loading={createAdministrator.isPending}>
            Create the administrator
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
