import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError } from './ApiError';
import { resumeAfterJiraAuthentication } from './jiraAuthentication';
import { forgetKeptAnswers, revalidateKeptAnswers } from './keptAnswers';
import type { components, operations, paths } from './schema';

export type Schemas = components['schemas'];

/** The JSON request body of an operation of the OpenAPI document, by its operationId. */
export type JsonBody<Operation extends keyof operations> = operations[Operation] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

// The token comes with the login answer and GET /api/me; it is bound to the session cookie.
let csrfToken: string | undefined;

/** Called at every login, logout and session check: a new session also drops the answers kept in memory. */
export function rememberCsrfToken(token: string | undefined): void {
  if (token !== csrfToken) forgetKeptAnswers();
  csrfToken = token;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

const csrfHeader: Middleware = {
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method) && csrfToken !== undefined) {
      request.headers.set('X-CSRF-Token', csrfToken);
    }
    return request;
  },
};

/** The one typed client for the Testbridge API; types come from the server's OpenAPI document. */
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  // The API is served by the same origin as the SPA: the session cookie goes along, never elsewhere.
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
  // Looked up on every call rather than captured once, so tests can stub the global fetch.
  fetch: (request) => globalThis.fetch(request),
});
api.use(csrfHeader, resumeAfterJiraAuthentication, revalidateKeptAnswers);

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Resolves to the answer's body, or rejects with an {@link ApiError} for every failure. */
export async function unwrap<T>(pending: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await pending;
  } catch {
    throw ApiError.network();
  }
  const { data, error, response } = outcome;
  if (!response.ok) throw ApiError.fromResponse(response, error);
  return data as T;
}
