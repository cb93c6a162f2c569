import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeApi } from '../test/fakeApi';
import { isJiraAuthRequired } from './ApiError';
import { api, rememberCsrfToken, unwrap } from './client';
import { registerJiraAuthenticator } from './jiraAuthentication';

const AUTH_REQUIRED = {
  status: 401,
  body: { error: { code: 'jira_auth_required', message: 'Authenticate with Jira (Acme) to continue.', field: 'instanceId', instanceId: 7 } },
};

let unregister = () => {};
afterEach(() => unregister());

describe('resuming after Jira authentication', () => {
  it('waits while the user authenticates, then sends the same request again', async () => {
    let authenticated = false;
    const server = fakeApi({
      'POST /api/suites/3/links': () => (authenticated ? { body: { linked: ['TB-1'] } } : AUTH_REQUIRED),
    });
    const authenticate = vi.fn((instanceId: number) => {
      expect(instanceId).toBe(7);
      authenticated = true;
      return Promise.resolve(true);
    });
    unregister = registerJiraAuthenticator(authenticate);
    rememberCsrfToken('token-7');

    const linked = await unwrap(
      api.POST('/api/suites/{suiteId}/links', { params: { path: { suiteId: 3 } }, body: { instanceId: 7, keys: ['TB-1'] } }),
    );

    expect(linked).toEqual({ linked: ['TB-1'] });
    expect(authenticate).toHaveBeenCalledTimes(1);
    const [first, second] = server.to('POST /api/suites/3/links');
    expect(second?.body).toEqual(first?.body);
    expect(second?.headers.get('X-CSRF-Token')).toBe('token-7');
  });

  it('answers the original error when the user gives up', async () => {
    fakeApi({ 'GET /api/jira/7/projects': AUTH_REQUIRED });
    unregister = registerJiraAuthenticator(() => Promise.resolve(false));

    const failure = await unwrap(api.GET('/api/jira/{instanceId}/projects', { params: { path: { instanceId: 7 } } })).catch(
      (error: unknown) => error,
    );

    expect(isJiraAuthRequired(failure)).toBe(true);
    expect(failure).toMatchObject({ status: 401, instanceId: 7 });
  });

  it('lets other 401 answers through untouched', async () => {
    fakeApi({ 'GET /api/jira/7/projects': apiError(401, 'unauthenticated', 'Log in first') });
    const authenticate = vi.fn(() => Promise.resolve(true));
    unregister = registerJiraAuthenticator(authenticate);

    await expect(unwrap(api.GET('/api/jira/{instanceId}/projects', { params: { path: { instanceId: 7 } } }))).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    expect(authenticate).not.toHaveBeenCalled();
  });

  it('stops asking after a few rounds', async () => {
    const server = fakeApi({ 'GET /api/jira/7/projects': AUTH_REQUIRED });
    const authenticate = vi.fn(() => Promise.resolve(true));
    unregister = registerJiraAuthenticator(authenticate);

    await expect(unwrap(api.GET('/api/jira/{instanceId}/projects', { params: { path: { instanceId: 7 } } }))).rejects.toMatchObject({
      code: 'jira_auth_required',
    });
    expect(authenticate).toHaveBeenCalledTimes(3);
    expect(server.to('GET /api/jira/7/projects')).toHaveLength(4);
  });
});
