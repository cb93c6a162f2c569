import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../test/fakeApi';
import { ApiError } from './ApiError';
import { api, rememberCsrfToken, unwrap } from './client';

describe('api client', () => {
  it('sends the CSRF token on unsafe methods only', async () => {
    const server = fakeApi({
      'GET /api/roles': { body: { items: [] } },
      'POST /api/roles': { status: 201, body: { id: 9, name: 'Auditor', builtIn: false, rights: [] } },
      'DELETE /api/roles/9': { status: 204 },
    });
    rememberCsrfToken('token-42');

    await unwrap(api.GET('/api/roles'));
    await unwrap(api.POST('/api/roles', { body: { name: 'Auditor', rights: [] } }));
    await unwrap(api.DELETE('/api/roles/{roleId}', { params: { path: { roleId: 9 } } }));

    const [get, post, remove] = server.requests;
    expect(get?.headers.get('X-CSRF-Token')).toBeNull();
    expect(post?.headers.get('X-CSRF-Token')).toBe('token-42');
    expect(post?.headers.get('Content-Type')).toBe('application/json');
    expect(post?.body).toEqual({ name: 'Auditor', rights: [] });
    expect(remove?.headers.get('X-CSRF-Token')).toBe('token-42');
  });

  it('turns the error shape into an ApiError naming the field', async () => {
    fakeApi({ 'POST /api/roles': apiError(400, 'invalid', 'Name is taken', 'name') });

    const failure = unwrap(api.POST('/api/roles', { body: { name: 'Tester', rights: [] } }));

    await expect(failure).rejects.toMatchObject({ status: 400, code: 'invalid', message: 'Name is taken', field: 'name' });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
  });

  it('keeps the other members of the error for the caller to act on', async () => {
    fakeApi({
      'POST /api/roles': { status: 409, body: { error: { code: 'edit_conflict', message: 'Someone else saved it', current: { revision: 4 } } } },
    });

    await expect(unwrap(api.POST('/api/roles', { body: { name: 'Tester', rights: [] } }))).rejects.toMatchObject({
      code: 'edit_conflict',
      details: { current: { revision: 4 } },
    });
  });

  it('reads Retry-After from a 429', async () => {
    fakeApi({
      'POST /api/session': {
        ...apiError(429, 'too_many_attempts', 'Too many attempts'),
        headers: { 'Retry-After': '30' },
      },
    });

    await expect(unwrap(api.POST('/api/session', { body: { username: 'a', password: 'b' } }))).rejects.toMatchObject({
      code: 'too_many_attempts',
      retryAfterSeconds: 30,
    });
  });

  it('describes an answer that is not in the error shape', async () => {
    fakeApi({ 'GET /api/about': { status: 502, body: '<html>Bad gateway</html>' } });

    await expect(unwrap(api.GET('/api/about'))).rejects.toMatchObject({ status: 502, code: 'http_502' });
  });

  it('reports a network failure as an ApiError', async () => {
    globalThis.fetch = () => Promise.reject(new TypeError('Failed to fetch'));

    await expect(unwrap(api.GET('/api/about'))).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });
});
