import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, type RecordedRequest } from '../../test/fakeApi';
import { aSession, aUser, loggedIn } from '../../test/fixtures';
import { aConnection, aProject, aSuite, JIRA_AUTH_REQUIRED, jiraAuthentication } from '../../test/projectFixtures';
import { renderApp } from '../../test/renderApp';
import type { JiraIssueSummary } from '../issues';

const viewer = aSession(['ISSUES_VIEW', 'SUITES_VIEW'], aUser({ id: 3, username: 'vic', displayName: 'Vic Viewer', roles: [{ id: 3, name: 'Viewer' }] }));

function issue(number: number, summary: string, status = 'To Do'): JiraIssueSummary {
  const key = `TB-${number}`;
  return { key, id: String(10000 + number), summary, status, assignee: 'Bob Tester', issueType: 'Task', url: `https://acme.atlassian.net/browse/${key}` };
}

function suitesApi(extra = {}) {
  return {
    'GET /api/projects': { body: { items: [aProject()] } },
    'GET /api/me/jira-connections': { body: { items: [aConnection()] } },
    'GET /api/projects/3/suites': {
      body: {
        items: [
          { id: 21, projectId: 3, name: 'Checkout', description: 'Paying for the cart', caseCount: 1, linkCount: 1 },
          { id: 22, projectId: 3, name: 'Search', description: '', caseCount: 0, linkCount: 0 },
        ],
      },
    },
    'GET /api/suites/21': { body: aSuite() },
    ...extra,
  };
}

describe('SuitesPage', () => {
  it('lists the suites with their counts of test cases and linked issues', async () => {
    fakeApi({ ...loggedIn(), ...suitesApi() });
    const { user, router } = renderApp('/projects/3/suites');

    const table = await screen.findByRole('table', { name: 'Test suites' });
    const [, checkout, search] = within(table).getAllByRole('row');
    expect(within(checkout!).getByRole('cell', { name: 'Linked issues of Checkout' })).toHaveTextContent('1');
    expect(within(search!).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['Search', '0', '0', 'Link issues']);
    expect(within(screen.getByRole('navigation', { name: 'Project sections' })).getByRole('link', { name: 'Test suites' })).toHaveAttribute('aria-current', 'page');

    await user.click(within(table).getByRole('link', { name: 'Checkout' }));
    expect(router.state.location.pathname).toBe('/projects/3/suites/21');
  });

  it('adds a suite', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...suitesApi({ 'POST /api/projects/3/suites': { status: 201, body: { id: 23, projectId: 3, name: 'Returns', caseCount: 0, linkCount: 0 } } }),
    });
    const { user } = renderApp('/projects/3/suites');

    await user.click(await screen.findByRole('button', { name: 'Add suite' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add test suite' });
    await user.type(within(dialog).getByLabelText(/^Name/), 'Returns');
    await user.click(within(dialog).getByRole('button', { name: 'Add suite' }));

    expect(await screen.findByText('Added the test suite Returns.')).toBeInTheDocument();
    expect(server.to('POST /api/projects/3/suites')[0]?.body).toEqual({ name: 'Returns' });
  });

  it('links several issues found by text, page after page, from the default view', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...suitesApi({
        'GET /api/jira/1/search': (request: RecordedRequest) =>
          request.query.get('cursor') === 'page-2'
            ? { body: { items: [issue(4, 'Search returns archived test cases', 'Done')], nextCursor: null } }
            : { body: { items: [issue(2, 'Export test cycle results'), issue(3, 'Link Jira issues to a test suite')], nextCursor: 'page-2' } },
        'POST /api/suites/22/links': { body: { items: [] } },
      }),
    });
    const { user } = renderApp('/projects/3/suites');

    await user.click(await screen.findByRole('button', { name: 'Link issues to Search' }));
    const dialog = await screen.findByRole('dialog', { name: 'Link issues to Search' });
    expect(within(dialog).getByLabelText(/^Jira instance/)).toHaveValue('Acme Cloud');
    await user.type(within(dialog).getByLabelText(/^Issue key or text/), 'test{Enter}');
    const results = await within(dialog).findByRole('table', { name: 'Search results' });
    expect(within(results).getAllByRole('row')).toHaveLength(3);
    await user.click(within(dialog).getByRole('button', { name: 'Load more' }));
    await within(results).findByText('TB-4');
    expect(within(dialog).queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();

    for (const key of ['TB-2', 'TB-3', 'TB-4']) await user.click(within(dialog).getByRole('checkbox', { name: `Select ${key}` }));
    await user.click(within(dialog).getByRole('button', { name: 'Link 3 issues' }));

    expect(await screen.findByText('Linked 3 issues to Search.')).toBeInTheDocument();
    expect(server.to('POST /api/suites/22/links')[0]?.body).toEqual({ instanceId: 1, keys: ['TB-2', 'TB-3', 'TB-4'] });
    const searches = server.to('GET /api/jira/1/search');
    expect(searches.map((request) => Object.fromEntries(request.query))).toEqual([
      { q: 'test', project: 'TB', pageSize: '20' },
      { q: 'test', project: 'TB', cursor: 'page-2', pageSize: '20' },
    ]);
  });

  it('lets a tester without a Jira token authenticate mid-search; the search then answers, nothing re-entered', async () => {
    let authenticated = false;
    const server = fakeApi({
      ...loggedIn(),
      ...suitesApi({
        'GET /api/jira/1/search': () => (authenticated ? { body: { items: [issue(5, 'Upgrade the CI runners')], nextCursor: null } } : JIRA_AUTH_REQUIRED),
        'POST /api/suites/21/links': { body: { items: [] } },
        ...jiraAuthentication(() => (authenticated = true)),
      }),
    });
    const { user } = renderApp('/projects/3/suites');

    await user.click(await screen.findByRole('button', { name: 'Link issues to Checkout' }));
    const dialog = await screen.findByRole('dialog', { name: 'Link issues to Checkout' });
    await user.type(within(dialog).getByLabelText(/^Issue key or text/), 'TB-5{Enter}');
    const authentication = await screen.findByRole('dialog', { name: 'Authenticate with Jira' });
    await user.click(await within(authentication).findByRole('link', { name: /Open Jira to authorize Testbridge/ }));
    await user.type(await within(authentication).findByLabelText(/^Verification code/), 'ABCD-EFGH-JKMN-PQRS');
    await user.click(within(authentication).getByRole('button', { name: 'Authenticate' }));

    await user.click(await within(dialog).findByRole('checkbox', { name: 'Select TB-5' }));
    await user.click(within(dialog).getByRole('button', { name: 'Link' }));
    expect(await screen.findByText('Linked 1 issue to Checkout.')).toBeInTheDocument();
    expect(server.to('GET /api/jira/1/search')).toHaveLength(2);
    expect(server.to('POST /api/suites/21/links')[0]?.body).toEqual({ instanceId: 1, keys: ['TB-5'] });
  });

  it('offers to authenticate again when the tester closed the dialog without authenticating', async () => {
    let authenticated = false;
    fakeApi({
      ...loggedIn(),
      ...suitesApi({
        'GET /api/jira/1/search': () => (authenticated ? { body: { items: [issue(5, 'Upgrade the CI runners')], nextCursor: null } } : JIRA_AUTH_REQUIRED),
        ...jiraAuthentication(() => (authenticated = true)),
      }),
    });
    const { user } = renderApp('/projects/3/suites');

    await user.click(await screen.findByRole('button', { name: 'Link issues to Checkout' }));
    const dialog = await screen.findByRole('dialog', { name: 'Link issues to Checkout' });
    await user.type(within(dialog).getByLabelText(/^Issue key or text/), 'CI runners{Enter}');
    const authentication = await screen.findByRole('dialog', { name: 'Authenticate with Jira' });
    await user.click(within(authentication).getByRole('button', { name: 'Cancel' }));

    expect(await within(dialog).findByText('You have not connected your Jira account yet.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Authenticate and search again' }));
    const again = await screen.findByRole('dialog', { name: 'Authenticate with Jira' });
    await user.click(await within(again).findByRole('link', { name: /Open Jira to authorize Testbridge/ }));
    await user.type(await within(again).findByLabelText(/^Verification code/), 'ABCD-EFGH-JKMN-PQRS');
    await user.click(within(again).getByRole('button', { name: 'Authenticate' }));

    expect(await within(dialog).findByRole('checkbox', { name: 'Select TB-5' })).toBeInTheDocument();
  });

  it('offers a viewer neither Add suite nor Link issues', async () => {
    fakeApi({ ...loggedIn(viewer), ...suitesApi() });
    renderApp('/projects/3/suites');

    await screen.findByRole('table', { name: 'Test suites' });
    expect(screen.queryByRole('button', { name: 'Add suite' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Link issues/ })).not.toBeInTheDocument();
  });
});
