import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate, type Location } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { LoadingState } from '../../components/PageStates';
import { describeError, showApiError } from '../../lib/forms/showApiError';
import { logIn, meQuery, setupQuery, type Credentials } from './api';
import { AuthFrame } from './AuthFrame';

/** Where RequireSession sent the user from, so that login returns there. */
function returnPath(location: Location): string {
  const state: unknown = location.state;
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = state.from as Partial<Location>;
    if (typeof from.pathname === 'string' && from.pathname !== '/login') {
      return from.pathname + (from.search ?? '') + (from.hash ?? '');
    }
  }
  return '/';
}

export function LoginPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const setup = useQuery(setupQuery);
  const me = useQuery({ ...meQuery, enabled: setup.data?.needsAdmin === false });
  const [failure, setFailure] = useState<string | null>(null);

  const form = useForm<Credentials>({
    initialValues: { username: '', password: '' },
    validate: {
      username: (value) => (value.trim() ? null : 'Enter your username'),
      password: (value) => (value ? null : 'Enter your password'),
    },
  });

  const login = useMutation({
    mutationFn: logIn,
    onSuccess: (session) => {
      queryClient.setQueryData(meQuery.queryKey, session);
      void navigate(returnPath(location), { replace: true });
    },
    onError: (error) => {
      // Wrong credentials and throttling are about the whole form, not one field.
      if (isApiError(error, 401) || isApiError(error, 429)) setFailure(describeError(error));
      else showApiError(error, 'Could not log in', form);
    },
  });

  if (setup.data?.needsAdmin) return <Navigate to="/setup" replace />;
  if (me.data) return <Navigate to={returnPath(location)} replace />;
  if (setup.isPending) return <LoadingState />;

  return (
    <AuthFrame title="Log in">
      <form
        onSubmit={form.onSubmit((credentials) => {
          setFailure(null);
          login.mutate(credentials);
        })}
        noValidate
      >
        <Stack>
          {failure && (
            <Alert color="red" role="alert" title="Login failed">
              {failure}
            </Alert>
          )}
          <TextInput
            label="Username"
            autoComplete="username"
            autoFocus
            {...form.getInputProps('username')}
          />
          <PasswordInput label="Password" autoComplete="current-password" {...form.getInputProps('password')} />
          <Button type="submit" loading={login.isPending}>
            Log in
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
