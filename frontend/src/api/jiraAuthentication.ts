import type { Middleware } from 'openapi-fetch';
import { JIRA_AUTH_REQUIRED } from './ApiError';

/**
 * Asks the user to authenticate with a Jira instance ("Authenticate with Jira" dialog); resolves
 * true once they did, false when they gave up.
 */
export type JiraAuthenticator = (instanceId: number) => Promise<boolean>;

let authenticator: JiraAuthenticator | undefined;

/** Installed by the JiraAuthProvider while a user is logged in; returns the uninstaller. */
export function registerJiraAuthenticator(candidate: JiraAuthenticator): () => void {
  authenticator = candidate;
  return () => {
    if (authenticator === candidate) authenticator = undefined;
  };
}

// A request may need the user to authenticate more than once (say, for two instances); never loop.
const MAX_ROUNDS = 3;
// Unsent copies of the requests in flight, by openapi-fetch's request id: a body is sent only once.
const replays = new Map<string, Request>();

/**
 * Any API call answered `401 jira_auth_required` waits while the user authenticates with that
 * instance, then is sent again, so that the query or mutation that made it simply succeeds a
 * little later, with nothing re-entered. If the user gives up, the original answer goes through.
 */
export const resumeAfterJiraAuthentication: Middleware = {
  onRequest({ request, id }) {
    if (authenticator) replays.set(id, request.clone());
    return undefined;
  },
  async onResponse({ response, id, options }) {
    const replay = replays.get(id);
    replays.delete(id);
    if (!replay) return undefined;
    let current = response;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const instanceId = await instanceToAuthenticate(current);
      if (instanceId === undefined || !authenticator) break;
      if (!(await authenticator(instanceId))) break;
      current = await options.fetch(replay.clone());
    }
    return current === response ? undefined : current;
  },
  onError({ id }) {
    replays.delete(id);
    return undefined;
  },
};

async function instanceToAuthenticate(response: Response): Promise<number | undefined> {
  if (response.status !== 401) return undefined;
  try {
    const body: unknown = await response.clone().json();
    if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
    const error: unknown = body.error;
    if (typeof error !== 'object' || error === null) return undefined;
    if (!('code' in error) || error.code !== JIRA_AUTH_REQUIRED) return undefined;
    return 'instanceId' in error && typeof error.instanceId === 'number' ? error.instanceId : undefined;
  } catch {
    return undefined;
  }
}
