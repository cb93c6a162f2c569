import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../../test/fakeApi';
import { aSession, aUser, loggedIn } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';
import type { SystemStatus } from './api';

function aSystem(overrides: Partial<SystemStatus> = {}): SystemStatus {
  return {
    version: '1.4.0',
    uptimeSeconds: 3 * 86_400 + 4 * 3_600 + 12,
    database: { mode: 'embedded', version: '17.2' },
    encryptionKeyId: 'k-3f9a',
    counts: { instances: 3, connectedInstances: 2, connections: 5, connectionsNeedingReauthentication: 1, users: 7 },
    recentJiraErrors: [],
    ...overrides,
  };
}

function fact(label: string) {
  const row = screen.getByRole('rowheader', { name: label }).closest('tr');
  return within(row as HTMLElement).getByRole('cell').textContent;
}

describe('SystemPage', () => {
  it('shows what the server runs on and that Jira answered every call', async () => {
    fakeApi({ ...loggedIn(), 'GET /api/system': { body: aSystem() } });
    renderApp('/system');

    await screen.findByRole('table', { name: 'Server' });
    expect(fact('Version')).toBe('1.4.0');
    expect(fact('Uptime')).toBe('3 days 4 hours');
    expect(fact('Database')).toBe('Embedded PostgreSQL 17.2');
    expect(fact('Encryption key id')).toBe('k-3f9a');
    expect(fact('Jira instances')).toBe('3 (2 with OAuth enabled)');
    expect(fact('Jira connections')).toBe('5 active, 1 needing re-authentication');
    expect(fact('Users')).toBe('7 users');
    expect(screen.getByText('No errors talking to Jira')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Recent Jira errors' })).not.toBeInTheDocument();
  });

  it('lists the last error talking to each Jira instance', async () => {
    fakeApi({
      ...loggedIn(),
      'GET /api/system': {
        body: aSystem({
          database: { mode: 'external', version: '16.4' },
          recentJiraErrors: [
            { instanceId: 2, instanceName: 'Acme DC', at: '2026-11-28T10:05:00Z', error: 'GET /rest/api/2/myself answered HTTP 502' },
            { instanceId: 1, instanceName: 'Acme Cloud', at: '2026-11-28T09:00:00Z', error: 'GET /project/search failed: timeout' },
          ],
        }),
      },
    });
    renderApp('/system');

    const table = await screen.findByRole('table', { name: 'Recent Jira errors' });
    expect(fact('Database')).toBe('External PostgreSQL 16.4');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual(['Acme DC', 'Acme Cloud']);
    expect(within(table).getByText('GET /rest/api/2/myself answered HTTP 502')).toBeInTheDocument();
    expect(screen.queryByText('No errors talking to Jira')).not.toBeInTheDocument();
  });

  it('says what went wrong when the server refuses, and tries again on request', async () => {
    // A 4xx, which the app does not retry by itself (say, the right was taken away since login).
    let calls = 0;
    fakeApi({
      ...loggedIn(),
      'GET /api/system': () =>
        ++calls === 1 ? apiError(403, 'forbidden', 'This needs the right Users: Manage.') : { body: aSystem() },
    });
    const { user } = renderApp('/system');

    expect(await screen.findByRole('alert')).toHaveTextContent('This needs the right Users: Manage.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('table', { name: 'Server' })).toBeInTheDocument();
  });

  it('is not offered to a user who cannot manage users', async () => {
    const tester = aSession(['ISSUES_VIEW', 'SUITES_VIEW'], aUser({ id: 2, username: 'tess', displayName: 'Tess Tester' }));
    const api = fakeApi({ ...loggedIn(tester) });
    renderApp('/system');

    expect(await screen.findByRole('heading', { name: 'No access' })).toBeInTheDocument();
    expect(screen.getByText(/Users: Manage/)).toBeInTheDocument();
    expect(api.to('GET /api/system')).toEqual([]);
  });
});
