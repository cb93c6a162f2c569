import type { Schemas } from '../api/client';

// Fixtures are answers of the API, so they are typed by its schema, not by any feature.
type Me = Schemas['Me'];
type Right = Schemas['Right'];
type JiraInstance = Schemas['JiraInstance'];
type Role = Schemas['Role'];
type User = Schemas['User'];

export const ALL_RIGHTS: Right[] = [
  'INTEGRATION_VIEW',
  'INTEGRATION_MODIFY',
  'ISSUES_VIEW',
  'ISSUES_CREATE',
  'SUITES_VIEW',
  'SUITES_MODIFY',
  'CASES_VIEW',
  'CASES_MODIFY',
  'USERS_MANAGE',
  'CYCLES_VIEW',
  'CYCLES_MODIFY',
  'CYCLES_EXECUTE',
];

export const ROLES: Role[] = [
  { id: 1, name: 'Administrator', builtIn: true, rights: ALL_RIGHTS },
  { id: 2, name: 'Tester', builtIn: true, rights: ['ISSUES_VIEW', 'ISSUES_CREATE', 'SUITES_VIEW', 'SUITES_MODIFY', 'CASES_VIEW', 'CASES_MODIFY'] },
  { id: 3, name: 'Viewer', builtIn: true, rights: ['ISSUES_VIEW', 'SUITES_VIEW', 'CASES_VIEW'] },
];

export function aUser(overrides: Partial<User> = {}): User {
  return {
    id: 1,
    username: 'admin',
    displayName: 'Ada Admin',
    email: 'ada@example.test',
    disabled: false,
    roles: [{ id: 1, name: 'Administrator' }],
    createdAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

export function aSession(rights: Right[] = ALL_RIGHTS, user: User = aUser()): Me {
  return { user, rights, csrfToken: 'csrf-token-1' };
}

/** Fake answers for a server that is set up and has `session` logged in. */
export function loggedIn(session: Me = aSession()) {
  return {
    'GET /api/setup': { body: { needsAdmin: false } },
    'GET /api/me': { body: session },
  };
}

export function anInstance(overrides: Partial<JiraInstance> = {}): JiraInstance {
  return {
    id: 1,
    name: 'Acme',
    baseUrl: 'https://acme.atlassian.net',
    deployment: 'CLOUD',
    status: 'ACTIVE',
    statusReason: null,
    cloudId: '0f5b2c3a-1d4e-4a6b-9c8d-7e6f5a4b3c21',
    version: null,
    serverTitle: null,
    oauthAvailable: true,
    oauthUnavailableReason: null,
    oauthEnabled: false,
    connectedAccount: null,
    grantedScopes: null,
    connectedAt: null,
    checkedAt: '2026-11-28T10:00:00Z',
    createdAt: '2026-11-28T09:00:00Z',
    ...overrides,
  };
}

/** The answer of GET /api/integrations for these instances, all on one page. */
export function instancePage(items: JiraInstance[]) {
  return { body: { items, total: items.length, page: 1, pageSize: 20 } };
}
