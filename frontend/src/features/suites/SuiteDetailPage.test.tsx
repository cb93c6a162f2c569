import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, type RecordedRequest } from '../../test/fakeApi';
import { loggedIn } from '../../test/fixtures';
import { aCaseSummary, casePage } from '../../test/caseFixtures';
import { aConnection, aLink, aProject, aSuite } from '../../test/projectFixtures';
import { renderApp } from '../../test/renderApp';

const threeCases = [
  { id: 1, key: 'SHOP-TC-1', title: 'Pay by card', status: 'READY', priority: 'MEDIUM', stepCount: 2, archived: false },
  { id: 2, key: 'SHOP-TC-2', title: 'Pay by invoice', status: 'DRAFT', priority: 'HIGH', stepCount: 1, archived: false },
  { id: 3, key: 'SHOP-TC-3', title: 'Pay with a voucher', status: 'DEPRECATED', priority: 'LOW', stepCount: 0, archived: true },
] as const;

const deleted = aLink({ key: 'TB-6', summary: 'Old summary', status: 'Done', notFound: true });

function suiteApi(extra = {}) {
  return {
    'GET /api/projects': { body: { items: [aProject()] } },
    'GET /api/me/jira-connections': { body: { items: [aConnection()] } },
    'GET /api/suites/21': { body: aSuite({ links: [aLink(), deleted] }) },
    ...extra,
  };
}

describe('SuiteDetailPage', () => {
  it('shows the test cases and the linked issues, a deleted one as not found in Jira', async () => {
    fakeApi({ ...loggedIn(), ...suiteApi() });
    renderApp('/projects/3/suites/21');

    expect(await screen.findByRole('heading', { name: 'Checkout' })).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Test cases' })).getByText('Pay by card')).toBeInTheDocument();
    const [, linked, gone] = within(screen.getByRole('table', { name: 'Linked issues' })).getAllByRole('row');
    expect(within(linked!).getAllByRole('cell').map((cell) => cell.textContent).slice(0, 5)).toEqual([
      'TB-1',
      'Login fails when the SSO session expired',
      'To Do',
      'Alice Admin',
      'Bug',
    ]);
    expect(within(linked!).getByRole('link', { name: 'Open TB-1 in Jira' })).toHaveAttribute('href', 'https://acme.atlassian.net/browse/TB-1');
    expect(within(linked!).getByRole('link', { name: 'TB-1' })).toHaveAttribute('target', '_blank');
    expect(gone).toHaveTextContent('not found in Jira');
    expect(within(gone!).queryByRole('link', { name: 'Open TB-6 in Jira' })).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('unlinks an issue', async () => {
    const server = fakeApi({ ...loggedIn(), ...suiteApi({ 'DELETE /api/suites/21/links/1/TB-1': { status: 204 } }) });
    const { user } = renderApp('/projects/3/suites/21');

    await user.click(await screen.findByRole('button', { name: 'Unlink TB-1' }));

    expect(await screen.findByText('Unlinked TB-1.')).toBeInTheDocument();
    expect(server.to('DELETE /api/suites/21/links/1/TB-1')).toHaveLength(1);
    expect(server.to('GET /api/suites/21').length).toBeGreaterThan(1);
  });

  it('names the Jira instance of each issue when the same key comes from two instances', async () => {
    const dataCenter = aConnection({ instanceId: 2, instanceName: 'Data Center 9.12', deployment: 'DATA_CENTER' });
    const onDataCenter = aLink({ instanceId: 2, url: 'https://jira.example.com/browse/TB-1' });
    const server = fakeApi({
      ...loggedIn(),
      ...suiteApi({
        'GET /api/me/jira-connections': { body: { items: [aConnection(), dataCenter] } },
        'GET /api/suites/21': { body: aSuite({ links: [aLink(), onDataCenter] }) },
        'DELETE /api/suites/21/links/2/TB-1': { status: 204 },
      }),
    });
    const { user } = renderApp('/projects/3/suites/21');

    const table = await screen.findByRole('table', { name: 'Linked issues' });
    expect(within(table).getByRole('columnheader', { name: 'Jira instance' })).toBeInTheDocument();
    const [, onCloud, onDc] = within(table).getAllByRole('row');
    expect(within(onCloud!).getAllByRole('cell')[1]).toHaveTextContent('Acme Cloud');
    expect(await within(onDc!).findByText('Data Center 9.12')).toBeInTheDocument();

    await user.click(within(table).getByRole('button', { name: 'Unlink TB-1 (Data Center 9.12)' }));
    expect(await screen.findByText('Unlinked TB-1 (Data Center 9.12).')).toBeInTheDocument();
    expect(server.to('DELETE /api/suites/21/links/2/TB-1')).toHaveLength(1);
  });

  it('adds a test case', async () => {
    const server = fakeApi({ ...loggedIn(), ...suiteApi({ 'POST /api/suites/21/cases': { status: 201, body: { id: 2 } } }) });
    const { user } = renderApp('/projects/3/suites/21');

    await user.click(await screen.findByRole('button', { name: 'Add test case' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add test case' });
    await user.type(within(dialog).getByLabelText(/^Title/), 'Pay with a voucher');
    await user.type(within(dialog).getByLabelText(/^Steps/), '1. Enter the code');
    await user.click(within(dialog).getByRole('button', { name: 'Add test case' }));

    expect(await screen.findByText('Added the test case Pay with a voucher.')).toBeInTheDocument();
    expect(server.to('POST /api/suites/21/cases')[0]?.body).toEqual({ title: 'Pay with a voucher', steps: '1. Enter the code' });
  });

  it('links an issue by its key from the detail view, and marks the ones linked already', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...suiteApi({
        'GET /api/jira/1/search': (request: RecordedRequest) =>
          request.query.get('q') === 'TB-7'
            ? { body: { items: [{ key: 'TB-7', summary: 'Attachment upload times out', status: 'To Do', issueType: 'Bug' }], nextCursor: null } }
            : { body: { items: [{ key: 'TB-1', summary: 'Login fails' }], nextCursor: null } },
        'POST /api/suites/21/links': { body: { items: [] } },
      }),
    });
    const { user } = renderApp('/projects/3/suites/21');

    await user.click(await screen.findByRole('button', { name: 'Link issues' }));
    const dialog = await screen.findByRole('dialog', { name: 'Link issues to Checkout' });
    await user.type(within(dialog).getByLabelText(/^Issue key or text/), 'TB-1');
    await user.click(within(dialog).getByRole('button', { name: 'Search' }));
    const linkedAlready = await within(dialog).findByRole('checkbox', { name: 'Select TB-1' });
    expect(linkedAlready).toBeChecked();
    expect(linkedAlready).toBeDisabled();

    await user.clear(within(dialog).getByLabelText(/^Issue key or text/));
    await user.type(within(dialog).getByLabelText(/^Issue key or text/), 'TB-7{Enter}');
    await user.click(await within(dialog).findByRole('checkbox', { name: 'Select TB-7' }));
    await user.click(within(dialog).getByRole('button', { name: 'Link' }));

    expect(await screen.findByText('Linked 1 issue to Checkout.')).toBeInTheDocument();
    expect(server.to('POST /api/suites/21/links')[0]?.body).toEqual({ instanceId: 1, keys: ['TB-7'] });
  });

  it('says when Jira could not be asked, and offers to authenticate', async () => {
    fakeApi({
      ...loggedIn(),
      ...suiteApi({
        'GET /api/suites/21': { body: aSuite({ linksStale: true }) },
        'GET /api/me/jira-connections': { body: { items: [aConnection({ status: 'NOT_CONNECTED' })] } },
      }),
    });
    renderApp('/projects/3/suites/21');

    expect(await screen.findByText('Showing the last known values from Jira')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Authenticate with Acme Cloud' })).toBeInTheDocument();
  });

  it('lists the cases in order with their key linking to the case, status and steps', async () => {
    fakeApi({ ...loggedIn(), ...suiteApi({ 'GET /api/suites/21': { body: aSuite({ cases: [...threeCases] }) } }) });
    renderApp('/projects/3/suites/21');

    const table = await screen.findByRole('table', { name: 'Test cases' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell').slice(0, 5).map((cell) => cell.textContent))).toEqual([
      ['1', 'SHOP-TC-1', 'Pay by card', 'Ready', '2 steps'],
      ['2', 'SHOP-TC-2', 'Pay by invoice', 'Draft', '1 step'],
      ['3', 'SHOP-TC-3', 'Pay with a voucherarchived', 'Deprecated', '0 steps'],
    ]);
    expect(within(table).getByRole('link', { name: 'SHOP-TC-2' })).toHaveAttribute('href', '/projects/3/cases/2');
  });

  it('reorders the cases with Alt+arrows and the buttons, focus following the case, and sends the whole order', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...suiteApi({
        'GET /api/suites/21': { body: aSuite({ cases: [...threeCases] }) },
        'PUT /api/suites/21/members': (request: RecordedRequest) => ({ body: { items: (request.body as { caseIds: number[] }).caseIds.map((id) => threeCases[id - 1]) } }),
      }),
    });
    const { user } = renderApp('/projects/3/suites/21');

    const table = await screen.findByRole('table', { name: 'Test cases' });
    within(table).getByRole('link', { name: 'SHOP-TC-1' }).focus();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    const keys = () => within(table).getAllByRole('link').map((link) => link.textContent);
    expect(keys()).toEqual(['SHOP-TC-2', 'SHOP-TC-1', 'SHOP-TC-3']);
    expect(within(table).getByRole('link', { name: 'SHOP-TC-1' })).toHaveFocus();

    await user.click(within(table).getByRole('button', { name: 'Move SHOP-TC-3 up' }));
    expect(keys()).toEqual(['SHOP-TC-2', 'SHOP-TC-3', 'SHOP-TC-1']);
    expect(within(table).getByRole('button', { name: 'Move SHOP-TC-3 up' })).toHaveFocus();

    await waitFor(() => expect(server.to('PUT /api/suites/21/members')).toHaveLength(2));
    expect(server.to('PUT /api/suites/21/members').map((request) => request.body)).toEqual([{ caseIds: [2, 1, 3] }, { caseIds: [2, 3, 1] }]);
  });

  it('removes a case from the suite', async () => {
    const server = fakeApi({ ...loggedIn(), ...suiteApi({ 'DELETE /api/suites/21/members/1': { status: 204 } }) });
    const { user } = renderApp('/projects/3/suites/21');

    await user.click(await screen.findByRole('button', { name: 'Remove SHOP-TC-1 from the suite' }));

    expect(await screen.findByText('Removed SHOP-TC-1 from Checkout.')).toBeInTheDocument();
    expect(server.to('DELETE /api/suites/21/members/1')).toHaveLength(1);
  });

  it('adds existing cases of the project found by a search', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...suiteApi({
        'GET /api/projects/3/cases': (request: RecordedRequest) =>
          request.query.get('q') === 'pay'
            ? casePage([aCaseSummary(), aCaseSummary({ id: 4, key: 'SHOP-TC-4', title: 'Pay by invoice' })])
            : casePage([aCaseSummary(), aCaseSummary({ id: 5, key: 'SHOP-TC-5', title: 'Log in' })]),
        'POST /api/suites/21/members': { body: { items: [] } },
      }),
    });
    const { user } = renderApp('/projects/3/suites/21');

    await user.click(await screen.findByRole('button', { name: 'Add cases' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add cases to Checkout' });
    const inSuite = await within(dialog).findByRole('checkbox', { name: 'SHOP-TC-1 is in the suite' });
    expect(inSuite).toBeChecked();
    expect(inSuite).toBeDisabled();
    await user.click(within(dialog).getByRole('checkbox', { name: 'Select SHOP-TC-5' }));
    await user.type(within(dialog).getByRole('searchbox', { name: 'Find cases' }), 'pay');
    await user.click(await within(dialog).findByRole('checkbox', { name: 'Select SHOP-TC-4' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add 2 cases' }));

    expect(await screen.findByText('Added 2 cases to Checkout.')).toBeInTheDocument();
    expect(server.to('POST /api/suites/21/members')[0]?.body).toEqual({ caseIds: [5, 4] });
  });
});
