import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../../test/fakeApi';
import { aSession, anInstance, instancePage, loggedIn } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';

const acme = anInstance();
const dc912 = anInstance({
  id: 2,
  name: 'Jira DC',
  baseUrl: 'https://jira.example.test/jira',
  deployment: 'DATA_CENTER',
  cloudId: null,
  version: '9.12.0',
  serverTitle: 'Example Jira',
  status: 'CONNECTED',
  oauthEnabled: true,
  connectedAccount: 'Alice Admin',
});
const dc820 = anInstance({
  id: 3,
  name: 'Old Jira',
  baseUrl: 'https://old.example.test',
  deployment: 'DATA_CENTER',
  cloudId: null,
  version: '8.20.10',
  oauthAvailable: false,
  oauthUnavailableReason: 'Jira 8.20.10 cannot be an OAuth 2.0 provider: OAuth 2.0 needs Jira Data Center 8.22 or later.',
});
const offline = anInstance({ id: 4, name: 'Offline', baseUrl: 'https://offline.example.test', status: 'UNREACHABLE', statusReason: 'Connection refused' });

function rowOf(name: string) {
  const table = screen.getByRole('table', { name: 'Jira instances' });
  const row = within(table).getByText(name, { selector: 'p' }).closest('tr');
  if (!row) throw new Error(`no row for ${name}`);
  return within(row);
}

describe('IntegrationsPage', () => {
  it('lists the instances with type, status, version and the OAuth toggle', async () => {
    fakeApi({ ...loggedIn(), 'GET /api/integrations': instancePage([acme, dc912, dc820, offline]) });
    renderApp('/integrations');

    await screen.findByRole('table', { name: 'Jira instances' });
    expect(rowOf('Acme').getByRole('link', { name: 'https://acme.atlassian.net' })).toHaveAttribute('target', '_blank');
    expect(rowOf('Acme').getByText('Cloud')).toBeInTheDocument();
    expect(rowOf('Acme').getByText('Active')).toBeInTheDocument();
    expect(rowOf('Acme').getByRole('switch', { name: 'OAuth for Acme' })).not.toBeChecked();
    expect(rowOf('Acme').queryByRole('button', { name: 'Update OAuth configuration of Acme' })).not.toBeInTheDocument();

    expect(rowOf('Jira DC').getByText('Connected')).toBeInTheDocument();
    expect(rowOf('Jira DC').getByText('as Alice Admin')).toBeInTheDocument();
    expect(rowOf('Jira DC').getByText('9.12.0')).toBeInTheDocument();
    expect(rowOf('Jira DC').getByRole('switch', { name: 'OAuth for Jira DC' })).toBeChecked();
    expect(rowOf('Jira DC').getByRole('button', { name: 'Update OAuth configuration of Jira DC' })).toBeInTheDocument();

    const oldSwitch = rowOf('Old Jira').getByRole('switch', { name: 'OAuth for Old Jira' });
    expect(oldSwitch).toBeDisabled();
    expect(oldSwitch).toHaveAccessibleDescription(/OAuth unavailable: .*8\.20\.10.*8\.22/);

    expect(rowOf('Offline').getByText('Unreachable')).toBeInTheDocument();
    expect(rowOf('Offline').getByText(/Connection refused/)).toBeInTheDocument();
    expect(screen.getByText('1–4 of 4 instances')).toBeInTheDocument();
  });

  it('shows a user with Integration: View only neither changes nor actions', async () => {
    fakeApi({ ...loggedIn(aSession(['INTEGRATION_VIEW'])), 'GET /api/integrations': instancePage([acme, dc912]) });
    renderApp('/integrations');

    await screen.findByRole('table', { name: 'Jira instances' });
    expect(screen.queryByRole('button', { name: 'Add Jira instance' })).not.toBeInTheDocument();
    expect(screen.queryByRole('switch')).not.toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).not.toBeInTheDocument();
    expect(rowOf('Jira DC').getByText('On')).toBeInTheDocument();
  });

  it('filters by URL on the server, once the typing pauses', async () => {
    const server = fakeApi({
      ...loggedIn(),
      'GET /api/integrations': (request) =>
        instancePage(request.query.get('filter') === 'jira.example' ? [dc912] : [acme, dc912]),
    });
    const { user } = renderApp('/integrations');
    await screen.findByRole('table', { name: 'Jira instances' });

    await user.type(screen.getByRole('searchbox', { name: 'Filter by URL' }), 'jira.example');

    await waitFor(() => expect(screen.queryByText('https://acme.atlassian.net')).not.toBeInTheDocument());
    const filters = server.to('GET /api/integrations').map((request) => request.query.get('filter'));
    expect(filters).toEqual([null, 'jira.example']);
    expect(server.to('GET /api/integrations').at(-1)?.query.get('page')).toBe('1');
  });

  it('pages through the instances', async () => {
    const many = Array.from({ length: 20 }, (_, index) => anInstance({ id: index + 1, name: `Site ${index + 1}` }));
    const server = fakeApi({
      ...loggedIn(),
      'GET /api/integrations': (request) =>
        request.query.get('page') === '2'
          ? { body: { items: [anInstance({ id: 21, name: 'Site 21' })], total: 21, page: 2, pageSize: 20 } }
          : { body: { items: many, total: 21, page: 1, pageSize: 20 } },
    });
    const { user } = renderApp('/integrations');

    expect(await screen.findByText('1–20 of 21 instances')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Page 2' }));

    expect(await screen.findByText('21–21 of 21 instances')).toBeInTheDocument();
    expect(screen.getByText('Site 21')).toBeInTheDocument();
    expect(server.to('GET /api/integrations').at(-1)?.query.get('pageSize')).toBe('20');
  });

  it('goes back a page when the last instance of the last page is deleted', async () => {
    let instances = Array.from({ length: 21 }, (_, index) => anInstance({ id: index + 1, name: `Site ${index + 1}` }));
    fakeApi({
      ...loggedIn(),
      'GET /api/integrations': (request) => {
        const page = Number(request.query.get('page'));
        return { body: { items: instances.slice((page - 1) * 20, page * 20), total: instances.length, page, pageSize: 20 } };
      },
      'DELETE /api/integrations/21': () => {
        instances = instances.slice(0, 20);
        return { status: 204 };
      },
    });
    const { user } = renderApp('/integrations');
    await user.click(await screen.findByRole('button', { name: 'Page 2' }));
    await user.click(await screen.findByRole('button', { name: 'Delete Site 21' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Delete Site 21?' })).getByRole('button', { name: 'Delete' }));

    expect(await screen.findByText('1–20 of 20 instances')).toBeInTheDocument();
    expect(screen.getByText('Site 1', { selector: 'p' })).toBeInTheDocument();
  });

  it('returns focus to what opened a dialog when it closes', async () => {
    fakeApi({ ...loggedIn(), 'GET /api/integrations': instancePage([anInstance()]) });
    const { user } = renderApp('/integrations');

    const add = await screen.findByRole('button', { name: 'Add Jira instance' });
    await user.click(add);
    const dialog = await screen.findByRole('dialog', { name: 'Add Jira instance' });
    await waitFor(() => expect(within(dialog).getByLabelText(/^Display name/)).toHaveFocus());
    await user.keyboard('{Escape}');

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(add).toHaveFocus());
  });

  it('adds a Data Center instance', async () => {
    let instances = [acme];
    const server = fakeApi({
      ...loggedIn(),
      'GET /api/integrations': () => instancePage(instances),
      'POST /api/integrations': () => {
        instances = [acme, dc912];
        return { status: 201, body: dc912 };
      },
    });
    const { user } = renderApp('/integrations');

    await user.click(await screen.findByRole('button', { name: 'Add Jira instance' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add Jira instance' });
    await user.type(within(dialog).getByLabelText(/^Display name/), 'Jira DC');
    await user.click(within(dialog).getByRole('radio', { name: 'Data Center' }));
    await user.type(within(dialog).getByLabelText(/^Base URL/), ' https://jira.example.test/jira ');
    await user.click(within(dialog).getByRole('button', { name: 'Add instance' }));

    expect(await screen.findByText('Saved Jira DC: connected.')).toBeInTheDocument();
    expect(server.to('POST /api/integrations')[0]?.body).toEqual({
      name: 'Jira DC',
      baseUrl: 'https://jira.example.test/jira',
      deployment: 'DATA_CENTER',
    });
    expect(await screen.findByText('https://jira.example.test/jira')).toBeInTheDocument();
  });

  it('shows the server’s refusal of the URL next to the field', async () => {
    fakeApi({
      ...loggedIn(),
      'GET /api/integrations': instancePage([]),
      'POST /api/integrations': apiError(400, 'invalid_request', 'This address answers, but it is not Jira Cloud.', 'baseUrl'),
    });
    const { user } = renderApp('/integrations');

    expect(await screen.findByText(/No Jira instance yet/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add Jira instance' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add Jira instance' });
    await user.type(within(dialog).getByLabelText(/^Display name/), 'Not Jira');
    await user.type(within(dialog).getByLabelText(/^Base URL/), 'https://example.test');
    await user.click(within(dialog).getByRole('button', { name: 'Add instance' }));

    const baseUrl = within(dialog).getByLabelText(/^Base URL/);
    expect(await within(dialog).findByText('This address answers, but it is not Jira Cloud.')).toBeInTheDocument();
    expect(baseUrl).toHaveAttribute('aria-invalid', 'true');
  });

  it('refuses a URL that is not http(s) before asking the server', async () => {
    const server = fakeApi({ ...loggedIn(), 'GET /api/integrations': instancePage([]) });
    const { user } = renderApp('/integrations');

    await user.click(await screen.findByRole('button', { name: 'Add Jira instance' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add Jira instance' });
    await user.type(within(dialog).getByLabelText(/^Display name/), 'FTP');
    await user.type(within(dialog).getByLabelText(/^Base URL/), 'ftp://jira.example.test');
    await user.click(within(dialog).getByRole('button', { name: 'Add instance' }));

    expect(await within(dialog).findByText('Use an http:// or https:// address')).toBeInTheDocument();
    expect(server.to('POST /api/integrations')).toHaveLength(0);
  });

  it('sends only what changed when editing', async () => {
    const server = fakeApi({
      ...loggedIn(),
      'GET /api/integrations': instancePage([acme]),
      'PATCH /api/integrations/1': { body: { ...acme, name: 'Acme Corp' } },
    });
    const { user } = renderApp('/integrations');

    await user.click(await screen.findByRole('button', { name: 'Edit Acme' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Acme' });
    const name = within(dialog).getByLabelText(/^Display name/);
    await user.clear(name);
    await user.type(name, 'Acme Corp');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(server.to('PATCH /api/integrations/1')[0]?.body).toEqual({ name: 'Acme Corp' }));
  });

  it('checks an instance now', async () => {
    const server = fakeApi({
      ...loggedIn(),
      'GET /api/integrations': instancePage([offline]),
      'POST /api/integrations/4/check': { body: { ...offline, status: 'ACTIVE', statusReason: null } },
    });
    const { user } = renderApp('/integrations');

    await user.click(await screen.findByRole('button', { name: 'Check Offline now' }));

    expect(await screen.findByText('Offline: Active')).toBeInTheDocument();
    expect(server.to('POST /api/integrations/4/check')[0]?.headers.get('X-CSRF-Token')).toBe('csrf-token-1');
  });

  it('deletes an instance after confirmation', async () => {
    let instances = [acme, dc912];
    const server = fakeApi({
      ...loggedIn(),
      'GET /api/integrations': () => instancePage(instances),
      'DELETE /api/integrations/1': () => {
        instances = [dc912];
        return { status: 204 };
      },
    });
    const { user } = renderApp('/integrations');

    await user.click(await screen.findByRole('button', { name: 'Delete Acme' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Acme?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

    expect(await screen.findByText('Removed Acme.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('https://acme.atlassian.net')).not.toBeInTheDocument());
    expect(server.to('DELETE /api/integrations/1')).toHaveLength(1);
  });
});
