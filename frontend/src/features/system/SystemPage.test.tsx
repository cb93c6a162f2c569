import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../../test/fakeApi';
import { aSession, aUser, loggedIn } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';
import type { BackupRun, BackupStatus, SystemStatus } from './api';

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

function someBackups(overrides: Partial<BackupStatus> = {}): BackupStatus {
  return {
    dailyAt: null,
    nextRunAt: null,
    folder: '/var/lib/testbridge/backups',
    keep: 7,
    runningSince: null,
    latest: [],
    ...overrides,
  };
}

function aRun(overrides: Partial<BackupRun> = {}): BackupRun {
  return {
    kind: 'SCHEDULED',
    startedAt: '2026-12-03T02:30:00Z',
    finishedAt: '2026-12-03T02:30:42Z',
    succeeded: true,
    file: 'testbridge-20261203-023000.tbbackup',
    bytes: 13_107_200,
    rows: 120_431,
    message: null,
    startedBy: null,
    ...overrides,
  };
}

function fact(label: string) {
  const row = screen.getByRole('rowheader', { name: label }).closest('tr');
  return within(row as HTMLElement).getByRole('cell').textContent;
}

describe('SystemPage', () => {
  it('shows what the server runs on and that Jira answered every call', async () => {
    fakeApi({ ...loggedIn(), 'GET /api/system': { body: aSystem() }, 'GET /api/system/backups': { body: someBackups() } });
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
      'GET /api/system/backups': { body: someBackups() },
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
      'GET /api/system/backups': { body: someBackups() },
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

  it('shows the daily schedule, the latest backups and a download of the whole database', async () => {
    fakeApi({
      ...loggedIn(),
      'GET /api/system': { body: aSystem() },
      'GET /api/system/backups': {
        body: someBackups({
          dailyAt: '02:30',
          nextRunAt: '2026-12-04T02:30:00Z',
          latest: [
            aRun({ kind: 'DOWNLOAD', file: 'testbridge-20261203-101500.tbbackup', bytes: null, startedBy: 1, startedAt: '2026-12-03T10:15:00Z', finishedAt: '2026-12-03T10:15:05Z' }),
            aRun({ message: 'Deleted 1 older backup(s) beyond the 7 kept.' }),
            aRun({ kind: 'MANUAL', succeeded: false, file: null, bytes: null, rows: null, message: 'No space left on device', startedBy: 1 }),
          ],
        }),
      },
    });
    renderApp('/system');

    const table = await screen.findByRole('table', { name: 'Latest backups' });
    expect(screen.getByText(/Every day at 02:30 \(server time\) into \/var\/lib\/testbridge\/backups, keeping the newest 7/)).toBeInTheDocument();
    const rows = within(table).getAllByRole('row').slice(1);
    const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((cell) => cell.textContent);
    expect(cells(rows[0] as HTMLElement).slice(1, 6)).toEqual(['Download', 'Succeeded', 'testbridge-20261203-101500.tbbackup', '—', '120,431']);
    expect(cells(rows[1] as HTMLElement).slice(1, 7)).toEqual(['Daily', 'Succeeded', 'testbridge-20261203-023000.tbbackup', '12.5 MB', '120,431', '42 seconds']);
    expect(cells(rows[2] as HTMLElement)[2]).toBe('Failed');
    expect(within(table).getByText('No space left on device')).toBeInTheDocument();
    const download = screen.getByRole('link', { name: 'Download a backup' });
    expect(download).toHaveAttribute('href', '/api/system/backup-download');
    expect(download).toHaveAttribute('download');
  });

  it('backs up now, shows the backup running and keeps a second one from starting', async () => {
    const api = fakeApi({
      ...loggedIn(),
      'GET /api/system': { body: aSystem() },
      'GET /api/system/backups': { body: someBackups() },
      'POST /api/system/backups': { status: 202, body: someBackups({ runningSince: '2026-12-03T10:20:00Z' }) },
    });
    const { user } = renderApp('/system');

    expect(await screen.findByText(/No daily backup is scheduled/)).toBeInTheDocument();
    expect(screen.getByText('No backup has been taken yet.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Back up now' }));

    expect(await screen.findByRole('status')).toHaveTextContent(/Backing up since/);
    expect(screen.getByRole('button', { name: 'Back up now' })).toBeDisabled();
    expect(api.to('POST /api/system/backups')).toHaveLength(1);
    expect(api.to('POST /api/system/backups')[0]?.headers.get('X-CSRF-Token')).toBeTruthy();
  });

  it('says why a backup could not start', async () => {
    fakeApi({
      ...loggedIn(),
      'GET /api/system': { body: aSystem() },
      'GET /api/system/backups': { body: someBackups() },
      'POST /api/system/backups': apiError(409, 'conflict', 'A backup is being taken on this server since 2026-12-03T10:20:00Z.'),
    });
    const { user } = renderApp('/system');

    await user.click(await screen.findByRole('button', { name: 'Back up now' }));
    const alert = (await screen.findByText('Could not start a backup')).closest('[role="alert"]');
    expect(alert).not.toBeNull();
    expect(alert).toHaveTextContent('A backup is being taken on this server');
  });
});
