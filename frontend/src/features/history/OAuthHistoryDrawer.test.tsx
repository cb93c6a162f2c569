import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, type RecordedRequest } from '../../test/fakeApi';
import { FakeEventSource } from '../../test/fakeEventSource';
import { anInstance, instancePage, loggedIn } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';
import type { HistoryEntry } from './api';

const acme = anInstance({ status: 'CONNECTED', oauthEnabled: true, connectedAccount: 'Alice Admin' });

function entry(id: number, eventType: string, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id,
    occurredAt: `2026-11-28T10:0${id}:00Z`,
    actor: 'admin',
    eventType,
    outcome: 'SUCCESS',
    reason: null,
    requestId: `req-${id}`,
    clientAddress: '10.0.0.7',
    ...overrides,
  };
}

const FLOW = [
  entry(5, 'OAUTH_ENABLED', { reason: 'client tb-cloud-app' }),
  entry(4, 'ADMIN_CONNECTED', { reason: 'connected as Jira user Alice Admin' }),
  entry(3, 'VERIFICATION_SUCCEEDED'),
  entry(2, 'CONNECT_STARTED'),
  entry(1, 'INSTANCE_ADDED'),
];

function history(request: RecordedRequest) {
  const eventType = request.query.get('eventType');
  const items = eventType ? FLOW.filter((candidate) => candidate.eventType === eventType) : FLOW;
  return { body: { items, total: items.length, page: 1, pageSize: 25 } };
}

async function openHistory() {
  const view = renderApp('/integrations');
  await view.user.click(await screen.findByRole('button', { name: 'OAuth history of Acme' }));
  const drawer = await screen.findByRole('dialog', { name: 'OAuth history of Acme' });
  return { ...view, drawer };
}

describe('OAuthHistoryDrawer', () => {
  it('lists the events newest first, with who, outcome and reason', async () => {
    fakeApi({ ...loggedIn(), 'GET /api/integrations': instancePage([acme]), 'GET /api/integrations/1/history': history });
    const { drawer } = await openHistory();

    const table = await within(drawer).findByRole('table', { name: 'OAuth history' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[2]?.textContent)).toEqual([
      'OAuth enabled',
      'Administrator connected',
      'Verification succeeded',
      'Connect started',
      'Instance added',
    ]);
    expect(rows[1]).toHaveTextContent('admin');
    expect(rows[1]).toHaveTextContent('from 10.0.0.7');
    expect(rows[1]).toHaveTextContent('Success');
    expect(rows[1]).toHaveTextContent('connected as Jira user Alice Admin');
    expect(within(drawer).getByText('1–5 of 5 events')).toBeInTheDocument();
  });

  it('filters by event type, user and dates, and exports the same rows', async () => {
    const server = fakeApi({ ...loggedIn(), 'GET /api/integrations': instancePage([acme]), 'GET /api/integrations/1/history': history });
    const { user, drawer } = await openHistory();
    await within(drawer).findByRole('table', { name: 'OAuth history' });

    await user.click(within(drawer).getByRole('textbox', { name: 'Event type' }));
    await user.click(await screen.findByRole('option', { name: 'Connect started', hidden: true }));
    await waitFor(() => expect(within(drawer).getAllByRole('row')).toHaveLength(2));

    await user.type(within(drawer).getByRole('textbox', { name: 'User' }), 'adm');
    await user.type(within(drawer).getByLabelText('From'), '2026-11-01');
    await user.type(within(drawer).getByLabelText('To'), '2026-11-28');

    await waitFor(() => expect(server.to('GET /api/integrations/1/history').at(-1)?.query.get('user')).toBe('adm'));
    const query = server.to('GET /api/integrations/1/history').at(-1)?.query;
    expect(query?.get('eventType')).toBe('CONNECT_STARTED');
    // Whole local days: from the start of the first to the start of the day after the last.
    expect(query?.get('from')).toBe(new Date(2026, 10, 1).toISOString());
    expect(query?.get('to')).toBe(new Date(2026, 10, 29).toISOString());

    const csv = within(drawer).getByRole('link', { name: 'Export CSV' });
    const href = new URL(csv.getAttribute('href') ?? '', 'http://localhost');
    expect(href.pathname).toBe('/api/integrations/1/history.csv');
    expect(Object.fromEntries(href.searchParams)).toEqual({
      eventType: 'CONNECT_STARTED',
      user: 'adm',
      from: new Date(2026, 10, 1).toISOString(),
      to: new Date(2026, 10, 29).toISOString(),
    });
    expect(csv).toHaveAttribute('download');
  });

  it('shows every user’s connection to the instance', async () => {
    fakeApi({
      ...loggedIn(),
      'GET /api/integrations': instancePage([acme]),
      'GET /api/integrations/1/history': history,
      'GET /api/integrations/1/connections': {
        body: {
          items: [
            { userId: 1, username: 'admin', displayName: 'Ada Admin', status: 'CONNECTED', jiraAccount: 'Alice Admin' },
            { userId: 2, username: 'tess', displayName: 'Tess Tester', status: 'NEEDS_REAUTHENTICATION', jiraAccount: 'Bob Tester' },
          ],
        },
      },
    });
    const { user, drawer } = await openHistory();

    await user.click(within(drawer).getByRole('tab', { name: 'User connections' }));

    const table = await within(drawer).findByRole('table', { name: 'User connections' });
    const tess = within(table).getByText('Tess Tester').closest('tr');
    expect(tess).toHaveTextContent('Bob Tester');
    expect(tess).toHaveTextContent('Needs re-authentication');
  });

  it('shows new events as the server records them, and stops listening when closed', async () => {
    let recorded = FLOW;
    fakeApi({
      ...loggedIn(),
      'GET /api/integrations': instancePage([acme]),
      'GET /api/integrations/1/history': () => ({ body: { items: recorded, total: recorded.length, page: 1, pageSize: 25 } }),
    });
    const { user, drawer } = await openHistory();
    const table = await within(drawer).findByRole('table', { name: 'OAuth history' });
    const source = FakeEventSource.instances.find((candidate) => candidate.url.endsWith('/api/integrations/1/history/stream'));
    if (!source) throw new Error('the drawer opened no history stream');
    const events = within(drawer).getByRole('tabpanel', { name: 'Events' });
    expect(events).toHaveAttribute('data-live', 'false');

    act(() => source.emit('ready'));
    expect(events).toHaveAttribute('data-live', 'true');

    recorded = [entry(6, 'USER_AUTHENTICATED', { actor: 'tess' }), ...FLOW];
    act(() => source.emit('recorded', { id: 6, instanceId: 1, eventType: 'USER_AUTHENTICATED', outcome: 'SUCCESS' }));
    expect(await within(table).findByText('User authenticated')).toBeInTheDocument();
    expect(within(drawer).getByText('1–6 of 6 events')).toBeInTheDocument();

    await user.click(within(drawer).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(source.readyState).toBe(FakeEventSource.CLOSED);
  });
});
