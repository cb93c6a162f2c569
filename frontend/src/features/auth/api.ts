import { queryOptions } from '@tanstack/react-query';
import { isApiError } from '../../api/ApiError';
import { api, rememberCsrfToken, unwrap, type JsonBody, type Schemas } from '../../api/client';

export type Me = Schemas['Me'];
export type User = Schemas['User'];
export type PasswordChange = JsonBody<'changeMyPassword'>;

export interface Credentials {
  username: string;
  password: string;
}

export interface NewAdministrator extends Credentials {
  displayName: string;
  email: string;
}

export const setupQuery = queryOptions({
  queryKey: ['setup'],
  queryFn: () => unwrap(api.GET('/api/setup')),
  // It changes once, when the administrator is created, and this app is what creates it.
  staleTime: Infinity,
});

/** The current session, or null when there is none (401). */
export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async (): Promise<Me | null> => {
    try {
      const me = await unwrap(api.GET('/api/me'));
      rememberCsrfToken(me.csrfToken);
      return me;
    } catch (error) {
      if (isApiError(error, 401)) return null;
      throw error;
    }
  },
  staleTime: Infinity,
  retry: false,
});

export async function logIn(credentials: Credentials): Promise<Me> {
  const me = await unwrap(api.POST('/api/session', { body: credentials }));
  rememberCsrfToken(me.csrfToken);
  return me;
}

export async function logOut(): Promise<void> {
  await unwrap(api.DELETE('/api/session'));
  rememberCsrfToken(undefined);
}

export async function logOutEverywhere(): Promise<void> {
  await unwrap(api.POST('/api/session/logout-everywhere'));
  rememberCsrfToken(undefined);
}

/** Changes the user's own password; the server then ends every session of theirs, this one too. */
export async function changeMyPassword(change: PasswordChange): Promise<void> {
  await unwrap(api.PUT('/api/me/password', { body: change }));
  rememberCsrfToken(undefined);
}

export function createFirstAdministrator(administrator: NewAdministrator): Promise<User> {
  return unwrap(api.POST('/api/setup/admin', { body: administrator }));
}
