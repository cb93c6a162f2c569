import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import { integrationsKey, type JiraInstance } from '../../lib/jiraInstance';

export type OAuthSettings = Schemas['OAuthSettings'];
export type StartedFlow = Schemas['StartedFlow'];

export interface ClientCredentials {
  clientId: string;
  /** Empty keeps the stored secret, when reconfiguring with the same client ID. */
  clientSecret: string;
}

export function oauthSettingsQuery(instanceId: number) {
  return queryOptions({
    queryKey: [...integrationsKey, instanceId, 'oauth'],
    queryFn: () => unwrap(api.GET('/api/integrations/{instanceId}/oauth', { params: { path: { instanceId } } })),
  });
}

export function startAdminConnection(instanceId: number, { clientId, clientSecret }: ClientCredentials): Promise<StartedFlow> {
  return unwrap(
    api.POST('/api/integrations/{instanceId}/oauth/connections', {
      params: { path: { instanceId } },
      body: { clientId: clientId.trim(), ...(clientSecret.trim() ? { clientSecret: clientSecret.trim() } : {}) },
    }),
  );
}

export function configureAdminConnection(instanceId: number, verificationCode: string): Promise<JiraInstance> {
  return unwrap(
    api.POST('/api/integrations/{instanceId}/oauth/verification', {
      params: { path: { instanceId } },
      body: { verificationCode: verificationCode.trim() },
    }),
  );
}

export function disableOAuth(instanceId: number): Promise<JiraInstance> {
  return unwrap(api.DELETE('/api/integrations/{instanceId}/oauth', { params: { path: { instanceId } } }));
}
