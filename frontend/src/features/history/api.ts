import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import { integrationsKey } from '../../lib/jiraInstance';

export type HistoryEntry = Schemas['HistoryEntry'];

export const HISTORY_PAGE_SIZE = 25;

/** Every event type of the OAuth history, in the order of a connection's life, with its name. */
export const EVENT_TYPES = {
  INSTANCE_ADDED: 'Instance added',
  INSTANCE_UPDATED: 'Instance updated',
  INSTANCE_REMOVED: 'Instance removed',
  OAUTH_ENABLED: 'OAuth enabled',
  OAUTH_CONFIG_UPDATED: 'OAuth configuration updated',
  OAUTH_DISABLED: 'OAuth disabled',
  CONNECT_STARTED: 'Connect started',
  CONSENT_DENIED: 'Consent denied',
  AUTHORIZATION_FAILED: 'Authorization failed',
  VERIFICATION_SUCCEEDED: 'Verification succeeded',
  VERIFICATION_FAILED: 'Verification failed',
  ADMIN_CONNECTED: 'Administrator connected',
  USER_AUTHENTICATED: 'User authenticated',
  USER_DISCONNECTED: 'User disconnected',
  TOKEN_REFRESHED: 'Token refreshed',
  TOKEN_REFRESH_FAILED: 'Token refresh failed',
  NEEDS_REAUTHENTICATION: 'Needs re-authentication',
} as const satisfies Record<string, string>;

export type EventType = keyof typeof EVENT_TYPES;

export function describeEventType(eventType: string): string {
  return eventType in EVENT_TYPES ? EVENT_TYPES[eventType as EventType] : eventType;
}

export interface HistoryFilters {
  eventType: EventType | '';
  /** Part of the actor's name. */
  user: string;
  /** Local calendar days, "2026-11-28", both included. */
  from: string;
  to: string;
}

export const NO_FILTERS: HistoryFilters = { eventType: '', user: '', from: '', to: '' };

/** The start of a local calendar day as an instant; `dayAfter` gives the end of `to`, exclusive. */
function localDayStart(day: string, dayAfter = false): string | undefined {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return undefined;
  return new Date(year, month - 1, date + (dayAfter ? 1 : 0)).toISOString();
}

/** The filters as the API's query parameters; empty ones are left out. */
export function historyParameters(filters: HistoryFilters) {
  return {
    eventType: filters.eventType || undefined,
    user: filters.user.trim() || undefined,
    from: filters.from ? localDayStart(filters.from) : undefined,
    to: filters.to ? localDayStart(filters.to, true) : undefined,
  };
}

/** Every query about the OAuth history of an instance starts with this key. */
export function historyKey(instanceId: number) {
  return [...integrationsKey, instanceId, 'history'] as const;
}

export function historyQuery(instanceId: number, filters: HistoryFilters, page: number) {
  return queryOptions({
    queryKey: [...historyKey(instanceId), { ...filters, page }],
    queryFn: () =>
      unwrap(
        api.GET('/api/integrations/{instanceId}/history', {
          params: { path: { instanceId }, query: { ...historyParameters(filters), page, pageSize: HISTORY_PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The CSV export of the same rows; a plain link, so the browser streams it to a file. */
export function historyCsvUrl(instanceId: number, filters: HistoryFilters): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(historyParameters(filters))) {
    if (value !== undefined) query.set(name, value);
  }
  const search = query.toString();
  return `/api/integrations/${instanceId}/history.csv${search ? `?${search}` : ''}`;
}

/**
 * Server-Sent Events about the instance's history: `ready` once the subscription is live, then
 * `recorded` each time a history row of the instance is committed (on any node of the cluster).
 * Same origin, so the session cookie goes along; a GET, so no CSRF token.
 */
export function historyStreamUrl(instanceId: number): string {
  return `/api/integrations/${instanceId}/history/stream`;
}

/** One user's connection to an instance, as the administrator sees it (never a token). */
export interface InstanceConnection {
  userId: number;
  username: string;
  displayName: string;
  status: 'NOT_CONNECTED' | 'CONNECTED' | 'NEEDS_REAUTHENTICATION';
  jiraAccount?: string | null;
  scopes?: string | null;
  accessExpiresAt?: string | null;
  lastUsedAt?: string | null;
  grantedAt?: string | null;
}

export function instanceConnectionsKey(instanceId: number) {
  return [...integrationsKey, instanceId, 'connections'] as const;
}

export function instanceConnectionsQuery(instanceId: number) {
  return queryOptions({
    queryKey: instanceConnectionsKey(instanceId),
    queryFn: async () => {
      const { items } = await unwrap(
        api.GET('/api/integrations/{instanceId}/connections', { params: { path: { instanceId } } }),
      );
      // The contract lists these items as plain objects; the server sends the fields above.
      return items as unknown as InstanceConnection[];
    },
  });
}
