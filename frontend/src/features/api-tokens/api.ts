import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type JsonBody, type Schemas } from '../../api/client';

export type ApiToken = Schemas['ApiToken'];
export type ApiTokenScope = Schemas['ApiTokenScope'];
export type NewApiToken = JsonBody<'createApiToken'>;
export interface CreatedApiToken {
  token: ApiToken;
  /** Shown once, right after creation; the server never returns it again. */
  secret: string;
}

/** The root of every query key about API tokens: a change to one refreshes both lists. */
export const apiTokensKey = ['api-tokens'] as const;

export const myApiTokensQuery = queryOptions({
  queryKey: [...apiTokensKey, 'mine'],
  queryFn: async () => (await unwrap(api.GET('/api/me/api-tokens'))).items,
});

export const allApiTokensQuery = queryOptions({
  queryKey: [...apiTokensKey, 'everyone'],
  queryFn: async () => (await unwrap(api.GET('/api/api-tokens'))).items,
});

export function createApiToken(token: NewApiToken): Promise<CreatedApiToken> {
  return unwrap(api.POST('/api/me/api-tokens', { body: token }));
}

export function revokeMyApiToken(tokenId: number): Promise<void> {
  return unwrap(api.DELETE('/api/me/api-tokens/{tokenId}', { params: { path: { tokenId } } }));
}

/** An administrator revokes anyone's token. */
export function revokeAnyApiToken(tokenId: number): Promise<void> {
  return unwrap(api.DELETE('/api/api-tokens/{tokenId}', { params: { path: { tokenId } } }));
}
