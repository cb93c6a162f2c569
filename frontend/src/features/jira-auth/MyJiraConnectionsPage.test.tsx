import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { aSession, aUser, loggedIn } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';
import type { JiraConnection } from './api';

const tester = aSession(
  ['ISSUES_VIEW', 'ISSUES_CREATE', 'SUITES_VIEW', 'SUITES_MODIFY'],
  aUser({ id: 2, username: 'tess', displayName: 'Tess Tester', roles: [{ id: 2, name: 'Tester' }] }),
);
const CODE = 'ABCD-EFGH-JKMN-PQRS';
const FLOW = { flowId: 'flow-9', authorizationUrl: 'https://auth.atlassian.test/authorize?state=s9', expiresAt: '2026-11-28T10:15:00Z' };
const PROJECTS = { body: { items: [{ id: '10000', key: 'TB', name: 'Testbridge Demo' }, { id: '10001', key: 'OPS', name: 'Operations' }] } };

const notConnected: JiraConnection = {
  instanceId: 7,
  instanceName: 'Acme',
  baseUrl: 'https://acme.atlassian.net',
  deployment: 'CLOUD',
  status: 'NOT_CONNECTED',
  consentExpiresSoon: false,
};
const connected: JiraConnection = {
  ...notConnected,
  status: 'CONNECTED',
  jiraAccount: 'Bob Tester',
  scopes: 'read:jira-work read:jira-user write:jira-work offline_access',
  accessExpiresAt: '2026-11-28T11:00:00Z',
  grantedAt: '2026-11-28T10:00:00Z',
  lastUsedAt: '2026-11-28T10:01:00Z',
  consentExpiresAt: '2027-11-28T10:00:00Z',
};
const AUTH_REQUIRED = {
  status: 401,
  body: {
    error: {
      code: 'jira_auth_required',
      message: 'You have not connected your Jira account yet. Authenticate with Jira (Acme) to continue.',
      field: 'instanceId',
      instanceId: 7,
    },
  },
};

/** A server where tess holds no Jira token until she redeems the verification code. */
function serverWithoutToken() {
  let connection = notConnected;
  return fakeApi({
    ...loggedIn(tester),
    'GET /api/me/jira-connections': () => ({ body: { items: [connection] } }),
    'GET /api/jira/7/projects': () => (connection.status === 'CONNECTED' ? PROJECTS : AUTH_REQUIRED),
    'POST /api/me/jira-connections/7/flows': { status: 201, body: FLOW },
    'POST /api/me/jira-connections/7/verification': () => {
      connection = connected;
      return { body: connected };
    },
    'DELETE /api/me/jira-connections/7': () => {
      connection = notConnected;
      return { status: 204 };
    },
  });
}

describe('MyJiraConnectionsPage', () => {
  it('shows each connection: account, scopes, expiry, last use', async () => {
    fakeApi({ ...loggedIn(tester), 'GET /api/me/jira-connections': { body: { items: [connected] } } });
    renderApp('/me/jira-connections');

    const card = await screen.findByRole('region', { name: 'Acme' });
    expect(within(card).getByText('Connected')).toBeInTheDocument();
    expect(within(card).getByText('Bob Tester')).toBeInTheDocument();
    expect(within(card).getByText('write:jira-work')).toBeInTheDocument();
    expect(within(card).getByText('Last used')).toBeInTheDocument();
    expect(within(card).getByText('Access token expires')).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Re-authenticate with Acme' })).toBeInTheDocument();
    expect(within(card).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('warns when the consent ends soon, here and on every page', async () => {
    const expiring = { ...connected, consentExpiresSoon: true, consentExpiresAt: '2026-12-05T10:00:00Z' };
    fakeApi({ ...loggedIn(tester), 'GET /api/me/jira-connections': { body: { items: [expiring] } } });
    const { user } = renderApp('/me/jira-connections');

    const card = await screen.findByRole('region', { name: 'Acme' });
    expect(within(card).getByRole('alert')).toHaveTextContent('Your Jira consent ends soon');

    await user.click(screen.getByRole('link', { name: 'About' }));
    const banner = await screen.findByText(/Re-authenticate with Acme/);
    expect(banner).toHaveTextContent('Re-authenticate with Acme');
  });

  it('says when no instance uses OAuth yet', async () => {
    fakeApi({ ...loggedIn(tester), 'GET /api/me/jira-connections': { body: { items: [] } } });
    renderApp('/me/jira-connections');

    expect(await screen.findByText('No Jira instance uses OAuth yet')).toBeInTheDocument();
  });

  it('asks a tester without a token to authenticate, then shows the projects without another click', async () => {
    const server = serverWithoutToken();
    const { user } = renderApp('/me/jira-connections');

    const card = await screen.findByRole('region', { name: 'Acme' });
    await user.click(within(card).getByRole('button', { name: 'Show my Jira projects on Acme' }));

    // The 401 jira_auth_required opens the dialog; the request waits meanwhile.
    const dialog = await screen.findByRole('dialog', { name: 'Authenticate with Jira' });
    expect(dialog).toHaveTextContent('continues by itself');
    const link = await within(dialog).findByRole('link', { name: 'Open Jira to authorize Testbridge' });
    expect(link).toHaveAttribute('href', FLOW.authorizationUrl);
    expect(link).toHaveAttribute('target', '_blank');
    await user.click(link);

    await user.type(await within(dialog).findByLabelText(/^Verification code/), CODE);
    await user.click(within(dialog).getByRole('button', { name: 'Authenticate' }));

    const projects = await within(card).findByRole('table', { name: 'My Jira projects on Acme' });
    expect(within(projects).getByText('TB')).toBeInTheDocument();
    expect(within(projects).getByText('Operations')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(server.to('GET /api/jira/7/projects')).toHaveLength(2);
    expect(server.to('POST /api/me/jira-connections/7/flows')).toHaveLength(1);
    expect(server.to('POST /api/me/jira-connections/7/verification')[0]?.body).toEqual({ verificationCode: CODE });
    expect(await screen.findByText('Authenticated with Acme as Bob Tester.')).toBeInTheDocument();
    await waitFor(() => expect(within(card).getByText('Connected')).toBeInTheDocument());
  });

  it('keeps the session when the tester cancels, and offers to try again', async () => {
    serverWithoutToken();
    const { user, router } = renderApp('/me/jira-connections');

    const card = await screen.findByRole('region', { name: 'Acme' });
    await user.click(within(card).getByRole('button', { name: 'Show my Jira projects on Acme' }));
    const dialog = await screen.findByRole('dialog', { name: 'Authenticate with Jira' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    const alert = await within(card).findByRole('alert');
    expect(alert).toHaveTextContent('Authenticate with Jira (Acme) to continue.');
    expect(within(alert).getByRole('button', { name: 'Authenticate and try again' })).toBeInTheDocument();
    // A jira_auth_required 401 is not the end of the Testbridge session.
    expect(router.state.location.pathname).toBe('/me/jira-connections');
    expect(screen.getByRole('button', { name: 'Account of Tess Tester' })).toBeInTheDocument();
  });

  it('connects ahead of time and disconnects after confirmation', async () => {
    const server = serverWithoutToken();
    const { user } = renderApp('/me/jira-connections');

    const card = await screen.findByRole('region', { name: 'Acme' });
    await user.click(within(card).getByRole('button', { name: 'Connect to Acme' }));
    const dialog = await screen.findByRole('dialog', { name: 'Authenticate with Jira' });
    expect(dialog).not.toHaveTextContent('continues by itself');
    await user.click(await within(dialog).findByRole('link', { name: 'Open Jira to authorize Testbridge' }));
    await user.type(await within(dialog).findByLabelText(/^Verification code/), CODE);
    await user.click(within(dialog).getByRole('button', { name: 'Authenticate' }));
    expect(await within(card).findByText('Bob Tester')).toBeInTheDocument();

    await user.click(within(card).getByRole('button', { name: 'Disconnect from Acme' }));
    const confirm = await screen.findByRole('dialog', { name: 'Disconnect from Acme?' });
    await user.click(within(confirm).getByRole('button', { name: 'Disconnect' }));

    expect(await within(card).findByRole('button', { name: 'Connect to Acme' })).toBeInTheDocument();
    expect(within(card).getByText('Not connected')).toBeInTheDocument();
    expect(server.to('DELETE /api/me/jira-connections/7')[0]?.headers.get('X-CSRF-Token')).toBe('csrf-token-1');
  });

  it('goes on to Step 2 by hand when the Jira link was opened another way (middle click)', async () => {
    serverWithoutToken();
    const { user } = renderApp('/me/jira-connections');

    const card = await screen.findByRole('region', { name: 'Acme' });
    await user.click(within(card).getByRole('button', { name: 'Connect to Acme' }));
    const dialog = await screen.findByRole('dialog', { name: 'Authenticate with Jira' });
    await within(dialog).findByRole('link', { name: 'Open Jira to authorize Testbridge' });
    await user.click(within(dialog).getByRole('button', { name: 'I have the code' }));
    await user.type(await within(dialog).findByLabelText(/^Verification code/), CODE);
    await user.click(within(dialog).getByRole('button', { name: 'Authenticate' }));
    expect(await within(card).findByText('Bob Tester')).toBeInTheDocument();
  });
});
