import { describe, expect, it } from 'vitest';
import { fakeApi } from '../test/fakeApi';
import { api, rememberCsrfToken, unwrap } from './client';
import { forgetKeptAnswers } from './keptAnswers';

const roles = { items: [{ id: 1, name: 'Tester', builtIn: true, rights: [] }] };

/** Answers 304 when the request names the current tag, as the server does. */
function taggedRoles(tag: string, body: unknown) {
  return fakeApi({
    'GET /api/roles': (request) =>
      request.headers.get('If-None-Match') === tag ? { status: 304, headers: { ETag: tag } } : { body, headers: { ETag: tag } },
  });
}

describe('answers kept in memory', () => {
  it('revalidates a GET with the tag it was given, and answers a 304 from memory', async () => {
    forgetKeptAnswers();
    const server = taggedRoles('"v1"', roles);

    expect(await unwrap(api.GET('/api/roles'))).toEqual(roles);
    expect(await unwrap(api.GET('/api/roles'))).toEqual(roles);

    const [first, second] = server.requests;
    expect(first?.headers.get('If-None-Match')).toBeNull();
    expect(second?.headers.get('If-None-Match')).toBe('"v1"');
  });

  it('takes the new answer when the tag no longer matches', async () => {
    forgetKeptAnswers();
    taggedRoles('"v1"', roles);
    await unwrap(api.GET('/api/roles'));
    const changed = { items: [] };
    const server = taggedRoles('"v2"', changed);

    expect(await unwrap(api.GET('/api/roles'))).toEqual(changed);
    expect(server.requests[0]?.headers.get('If-None-Match')).toBe('"v1"');
  });

  it('forgets everything when the session changes', async () => {
    forgetKeptAnswers();
    rememberCsrfToken('first session');
    taggedRoles('"v1"', roles);
    await unwrap(api.GET('/api/roles'));

    rememberCsrfToken('second session');
    const server = taggedRoles('"v1"', roles);
    await unwrap(api.GET('/api/roles'));

    expect(server.requests[0]?.headers.get('If-None-Match')).toBeNull();
  });

  it('asks again without a tag when the answer was forgotten while the request was out', async () => {
    forgetKeptAnswers();
    taggedRoles('"v1"', roles);
    await unwrap(api.GET('/api/roles'));
    const server = fakeApi({
      'GET /api/roles': (request) => {
        if (request.headers.get('If-None-Match') !== null) {
          forgetKeptAnswers(); // a logout, say, while this request was on its way
          return { status: 304, headers: { ETag: '"v1"' } };
        }
        return { body: roles, headers: { ETag: '"v1"' } };
      },
    });

    expect(await unwrap(api.GET('/api/roles'))).toEqual(roles);
    expect(server.requests.map((request) => request.headers.get('If-None-Match'))).toEqual(['"v1"', null]);
  });
});
