import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chooseOption } from '../../test/chooseOption';
import { apiError, fakeApi } from '../../test/fakeApi';
import { aSession, aUser, anInstance, loggedIn } from '../../test/fixtures';
import { aFolder, casePage, PEOPLE } from '../../test/caseFixtures';
import { aConnection, aProject } from '../../test/projectFixtures';
import { renderApp } from '../../test/renderApp';

const tester = aSession(
  ['ISSUES_VIEW', 'ISSUES_CREATE', 'SUITES_VIEW', 'SUITES_MODIFY'],
  aUser({ id: 2, username: 'tess', displayName: 'Tess Tester', roles: [{ id: 2, name: 'Tester' }] }),
);
const cloud = anInstance({ id: 1, name: 'Acme Cloud', status: 'CONNECTED', oauthEnabled: true });
const oldServer = anInstance({ id: 2, name: 'Old server', deployment: 'DATA_CENTER', oauthEnabled: false });

function projectsApi(extra = {}) {
  return {
    'GET /api/projects': { body: { items: [aProject(), aProject({ id: 4, key: 'OPS', name: 'Operations', defaultInstanceId: null, defaultJiraProject: null })] } },
    'GET /api/me/jira-connections': { body: { items: [aConnection()] } },
    'GET /api/integrations': { body: { items: [cloud, oldServer], total: 2, page: 1, pageSize: 100 } },
    'GET /api/jira/1/projects': { body: { items: [{ id: '10000', key: 'TB', name: 'Testbridge Demo' }] } },
    ...extra,
  };
}

describe('ProjectsPage', () => {
  it('lists the projects with their Jira defaults and the way to their issues and suites', async () => {
    fakeApi({ ...loggedIn(tester), ...projectsApi() });
    const { user, router } = renderApp('/projects');

    const table = await screen.findByRole('table', { name: 'Projects' });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('SHOP');
    expect(rows[1]).toHaveTextContent('Web shop');
    expect(await within(table).findByText('Acme Cloud · TB')).toBeInTheDocument();
    expect(rows[2]).toHaveTextContent('none');
    expect(screen.queryByRole('button', { name: 'Add project' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit SHOP' })).not.toBeInTheDocument();

    await user.click(within(table).getByRole('link', { name: 'Test suites of SHOP' }));
    expect(router.state.location.pathname).toBe('/projects/3/suites');
  });

  it('names the default instance for an administrator too, also while its OAuth is not on (not among “my connections”)', async () => {
    const notYetOAuth = anInstance({ id: 1, name: 'Acme (Jira Cloud)', oauthEnabled: false });
    fakeApi({
      ...loggedIn(),
      ...projectsApi({
        'GET /api/me/jira-connections': { body: { items: [] } },
        'GET /api/integrations': { body: { items: [notYetOAuth], total: 1, page: 1, pageSize: 100 } },
      }),
    });
    renderApp('/projects');

    const table = await screen.findByRole('table', { name: 'Projects' });
    expect(await within(table).findByText('Acme (Jira Cloud) · TB')).toBeInTheDocument();
    expect(within(table).queryByText(/Jira instance 1/)).not.toBeInTheDocument();
    expect(screen.getByText(/keeps its issues, test cases, test suites and test cycles/)).toBeInTheDocument();
  });

  it('opens a project on its test cases, or on the first section the user may see', async () => {
    const repository = {
      'GET /api/projects/3/folders': { body: { items: [aFolder()] } },
      'GET /api/projects/3/cases': casePage([]),
      'GET /api/projects/3/case-labels': { body: { items: [] } },
      'GET /api/people': { body: { items: PEOPLE } },
    };
    fakeApi({ ...loggedIn(), ...projectsApi(repository) });
    const admin = renderApp('/projects');
    await admin.user.click(await screen.findByRole('link', { name: 'Web shop' }));
    expect(await screen.findByText('No test case yet')).toBeInTheDocument();
    expect(admin.router.state.location.pathname).toBe('/projects/3/cases');
    admin.unmount();

    // The tester may not view cases: Issues, the first of their sections.
    fakeApi({ ...loggedIn(tester), ...projectsApi({ 'GET /api/projects/3/issues': { body: { items: [] } } }) });
    const { router } = renderApp('/projects/3');
    await screen.findByRole('navigation', { name: 'Project sections' });
    expect(router.state.location.pathname).toBe('/projects/3/issues');
  });

  it('lets an administrator add a project with a default OAuth-enabled instance and Jira project', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...projectsApi({ 'POST /api/projects': { status: 201, body: aProject({ id: 5, key: 'PAY', name: 'Payments' }) } }),
    });
    const { user } = renderApp('/projects');

    await user.click(await screen.findByRole('button', { name: 'Add project' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add project' });
    await user.type(within(dialog).getByLabelText(/^Key/), 'pay');
    await user.type(within(dialog).getByLabelText(/^Name/), 'Payments');
    await chooseOption(user, within(dialog).getByLabelText(/^Default Jira instance/), 'Acme Cloud (Cloud)');
    expect(screen.queryByRole('option', { name: /Old server/, hidden: true })).not.toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/^Default Jira project/), 'TB');
    await user.click(within(dialog).getByRole('button', { name: 'Add project' }));

    expect(await screen.findByText('Added the project Payments (PAY).')).toBeInTheDocument();
    expect(server.to('POST /api/projects')[0]?.body).toEqual({
      key: 'PAY',
      name: 'Payments',
      defaultInstanceId: 1,
      defaultJiraProject: 'TB',
    });
  });

  it('checks the key before asking the server, and shows the server’s refusal next to it', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...projectsApi({ 'POST /api/projects': apiError(409, 'conflict', 'A project with this key exists already.', 'key') }),
    });
    const { user } = renderApp('/projects');

    await user.click(await screen.findByRole('button', { name: 'Add project' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add project' });
    await user.type(within(dialog).getByLabelText(/^Key/), '1X');
    await user.type(within(dialog).getByLabelText(/^Name/), 'Shop again');
    await user.click(within(dialog).getByRole('button', { name: 'Add project' }));
    expect(await within(dialog).findByText('Use 2 to 10 letters and digits, starting with a letter')).toBeInTheDocument();
    expect(server.to('POST /api/projects')).toHaveLength(0);

    await user.clear(within(dialog).getByLabelText(/^Key/));
    await user.type(within(dialog).getByLabelText(/^Key/), 'SHOP');
    await user.click(within(dialog).getByRole('button', { name: 'Add project' }));
    expect(await within(dialog).findByText('A project with this key exists already.')).toBeInTheDocument();
  });

  it('lets an administrator change the Jira defaults of a project', async () => {
    const server = fakeApi({ ...loggedIn(), ...projectsApi({ 'PATCH /api/projects/4': { body: aProject({ id: 4, key: 'OPS' }) } }) });
    const { user } = renderApp('/projects');

    await user.click(await screen.findByRole('button', { name: 'Edit OPS' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit OPS' });
    await chooseOption(user, within(dialog).getByLabelText(/^Default Jira instance/), 'Acme Cloud (Cloud)');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Saved OPS.')).toBeInTheDocument();
    expect(server.to('PATCH /api/projects/4')[0]?.body).toEqual({ name: 'Operations', defaultInstanceId: 1, defaultJiraProject: null });
  });
});
