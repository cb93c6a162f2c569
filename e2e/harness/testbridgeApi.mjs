import assert from 'node:assert/strict';
import { request } from 'playwright-core';

/**
 * Set-up through Testbridge's REST API, for what a test needs but does not test: the
 * administrator, users, registered instances. Logging in through `page.request` shares the
 * session cookie with the page, so the browser starts logged in.
 */

export const ADMIN = { username: 'admin', displayName: 'Ada Admin', email: 'ada@example.test', password: 'admin password 123' };

/** Creates the first administrator, unless someone already did (tests of a file share a server). */
export async function ensureAdministrator(baseURL, admin = ADMIN) {
  const setup = await fetch(`${baseURL}/api/setup`).then((response) => response.json());
  if (!setup.needsAdmin) return;
  const response = await fetch(`${baseURL}/api/setup/admin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(admin),
  });
  assert.ok([201, 409].includes(response.status), `creating the administrator answered ${response.status}`);
}

/**
 * Logs in with `requestContext` (a page's `page.request`, or a standalone context) and returns
 * helpers that send JSON with the CSRF token and fail on an unexpected status.
 */
export async function logInThroughApi(requestContext, { username, password }) {
  const login = await requestContext.post('/api/session', { data: { username, password } });
  assert.equal(login.status(), 200, `login of ${username}: ${await login.text()}`);
  const { csrfToken } = await login.json();
  const call = async (method, path, { data, expect = [200, 201, 204] } = {}) => {
    const response = await requestContext.fetch(path, { method, data, headers: { 'X-CSRF-Token': csrfToken } });
    const statuses = Array.isArray(expect) ? expect : [expect];
    assert.ok(statuses.includes(response.status()), `${method} ${path} answered ${response.status()}: ${await response.text()}`);
    return response.status() === 204 ? undefined : response.json();
  };
  return {
    csrfToken,
    get: (path, options) => call('GET', path, options),
    post: (path, data, options) => call('POST', path, { ...options, data }),
    patch: (path, data, options) => call('PATCH', path, { ...options, data }),
    delete: (path, options) => call('DELETE', path, options),
  };
}

/** A request context of its own (own cookies), for an actor other than the browser's user. */
export async function apiClient(baseURL, credentials) {
  const context = await request.newContext({ baseURL });
  const client = await logInThroughApi(context, credentials);
  return { ...client, context, dispose: () => context.dispose() };
}

/** Adds a user with one of the built-in roles ("Tester", "Viewer", …) by name. */
export async function addUser(admin, user, roleName) {
  const { items: roles } = await admin.get('/api/roles');
  const role = roles.find((candidate) => candidate.name === roleName);
  assert.ok(role, `no role ${roleName}`);
  return admin.post('/api/users', { ...user, roleIds: [role.id] });
}
