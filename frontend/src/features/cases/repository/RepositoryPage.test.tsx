import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCaseSummary, aFolder, aTestCase, casePage, PEOPLE } from '../../../test/caseFixtures';
import { chooseOption } from '../../../test/chooseOption';
import { fakeApi, type RecordedRequest } from '../../../test/fakeApi';
import { aSession, loggedIn } from '../../../test/fixtures';
import { aProject } from '../../../test/projectFixtures';
import { renderApp } from '../../../test/renderApp';

const auth = aFolder({ id: 5, name: 'Auth', caseCount: 1 });
const login = aFolder({ id: 6, parentId: 5, name: 'Login', caseCount: 2 });
const payByCard = aCaseSummary();
const logIn = aCaseSummary({ id: 2, key: 'SHOP-TC-2', title: 'Log in', folderId: 6, labels: [], owner: null, status: 'DRAFT', priority: 'HIGH' });

function repositoryApi(extra = {}) {
  return {
    'GET /api/projects': { body: { items: [aProject()] } },
    'GET /api/projects/3/folders': { body: { items: [auth, login] } },
    'GET /api/projects/3/cases': casePage([payByCard, logIn]),
    'GET /api/people': { body: { items: PEOPLE } },
    ...extra,
  };
}

const lastList = (server: { to: (route: string) => RecordedRequest[] }) => server.to('GET /api/projects/3/cases').at(-1)!.query;

describe('RepositoryPage', () => {
  it('shows the folders with their counts and the cases, and lists a folder with its subfolders when chosen', async () => {
    const server = fakeApi({ ...loggedIn(), ...repositoryApi() });
    const { user, router } = renderApp('/projects/3/cases');

    const table = await screen.findByRole('table', { name: 'Test cases' });
    expect(within(table).getByRole('link', { name: 'SHOP-TC-2' })).toHaveAttribute('href', '/projects/3/cases/2');
    expect(within(table).getByText('Pay by card')).toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Project sections' })).getByRole('link', { name: 'Test cases' })).toHaveAttribute('aria-current', 'page');
    const folders = screen.getByRole('tree', { name: 'Folders' });
    expect(within(folders).getByRole('treeitem', { name: 'Auth, 3 cases' })).toBeInTheDocument();

    await user.click(within(folders).getByRole('treeitem', { name: 'Login, 2 cases' }));

    await waitFor(() => expect(lastList(server).get('folderId')).toBe('6'));
    expect(router.state.location.search).toBe('?folder=6');
    expect(await screen.findByRole('heading', { name: 'Auth / Login' })).toBeInTheDocument();
  });

  it('keeps the filters in the address, so a reload asks for the same cases', async () => {
    const server = fakeApi({ ...loggedIn(), ...repositoryApi() });
    const { user, router } = renderApp('/projects/3/cases?q=login&status=READY&owner=2&sort=-title');

    await screen.findByRole('table', { name: 'Test cases' });
    const query = lastList(server);
    expect([query.get('q'), query.get('status'), query.get('ownerId'), query.get('sort')]).toEqual(['login', 'READY', '2', '-title']);
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('login');
    expect(screen.getByRole('button', { name: 'Sort by title' }).closest('th')).toHaveAttribute('aria-sort', 'descending');

    await chooseOption(user, screen.getByRole('textbox', { name: 'Priority' }), 'High');
    await waitFor(() => expect(lastList(server).get('priority')).toBe('HIGH'));
    expect(new URLSearchParams(router.state.location.search).get('priority')).toBe('HIGH');

    await user.click(screen.getByRole('button', { name: 'Sort by key' }));
    await waitFor(() => expect(lastList(server).get('sort')).toBe('key'));
  });

  it('searches once typing pauses', async () => {
    const server = fakeApi({ ...loggedIn(), ...repositoryApi() });
    const { user } = renderApp('/projects/3/cases');
    await screen.findByRole('table', { name: 'Test cases' });

    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'TC-2');

    await waitFor(() => expect(lastList(server).get('q')).toBe('TC-2'));
    expect(server.to('GET /api/projects/3/cases').filter((request) => request.query.has('q'))).toHaveLength(1);
  });

  it('suggests the labels in use as one types a label filter, those starting with it first, and filters by the one chosen', async () => {
    const labels = [
      { label: 'api', cases: 1 },
      { label: 'cart-smoke', cases: 1 },
      { label: 'smoke', cases: 3 },
    ];
    const server = fakeApi({ ...loggedIn(), ...repositoryApi({ 'GET /api/projects/3/case-labels': { body: { items: labels } } }) });
    const { user, router } = renderApp('/projects/3/cases');
    await screen.findByRole('table', { name: 'Test cases' });

    const input = screen.getByRole('textbox', { name: 'Label' });
    await user.type(input, 'sm');
    // jsdom lays nothing out: the dropdown counts as hidden (see chooseOption).
    const listbox = document.getElementById(input.getAttribute('aria-controls')!)!;
    await waitFor(() =>
      expect(within(listbox).getAllByRole('option', { hidden: true }).map((option) => option.textContent)).toEqual(['smoke3 cases', 'cart-smoke1 case']),
    );
    await user.click(within(listbox).getByRole('option', { name: 'smoke 3 cases', hidden: true }));

    await waitFor(() => expect(lastList(server).get('label')).toBe('smoke'));
    // A label matches whole: what was typed on the way was never asked for.
    expect(server.to('GET /api/projects/3/cases').map((request) => request.query.get('label'))).not.toContain('sm');
    expect(screen.getByRole('textbox', { name: 'Label' })).toHaveValue('smoke');
    expect(new URLSearchParams(router.state.location.search).get('label')).toBe('smoke');
  });

  it('shows the archive with the switch “Show archived cases”', async () => {
    const server = fakeApi({ ...loggedIn(), ...repositoryApi() });
    const { user } = renderApp('/projects/3/cases');
    await screen.findByRole('table', { name: 'Test cases' });

    await user.click(screen.getByRole('switch', { name: 'Show archived cases' }));

    expect(await screen.findByRole('heading', { name: 'Archive' })).toBeInTheDocument();
    await waitFor(() => expect(lastList(server).get('archived')).toBe('true'));
  });

  it('tells what to do in an empty project', async () => {
    fakeApi({ ...loggedIn(), ...repositoryApi({ 'GET /api/projects/3/folders': { body: { items: [] } }, 'GET /api/projects/3/cases': casePage([]) }) });
    renderApp('/projects/3/cases');

    expect(await screen.findByText('No test case yet')).toBeInTheDocument();
    expect(screen.getByText(/Add the first one with New case/)).toBeInTheDocument();
  });

  it('creates a case in the current folder from its title and opens the editor in its precondition', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...repositoryApi({
        'POST /api/projects/3/cases': { status: 201, body: aTestCase({ id: 9, key: 'SHOP-TC-9', title: 'Reset the password', folderId: 5 }) },
        'GET /api/cases/9': { body: aTestCase({ id: 9, key: 'SHOP-TC-9', title: 'Reset the password', folderId: 5 }) },
      }),
    });
    const { user, router } = renderApp('/projects/3/cases?folder=5');

    await user.click(await screen.findByRole('button', { name: 'New case' }));
    const dialog = await screen.findByRole('dialog', { name: 'New case' });
    await user.type(within(dialog).getByRole('textbox', { name: /Title/ }), 'Reset the password{Enter}');

    await waitFor(() => expect(router.state.location.pathname).toBe('/projects/3/cases/9'));
    expect(server.to('POST /api/projects/3/cases')[0]?.body).toEqual({ title: 'Reset the password', folderId: 5 });
    // Not the page's start: the field to type in next.
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Precondition' })).toHaveFocus());
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveValue('Reset the password');
  });

  it('deletes a folder after saying that its cases move up', async () => {
    const server = fakeApi({ ...loggedIn(), ...repositoryApi({ 'DELETE /api/folders/6': { status: 204 } }) });
    const { user } = renderApp('/projects/3/cases');

    await user.click(await screen.findByRole('button', { name: 'Actions for folder Login' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Login?' });
    expect(dialog).toHaveTextContent('Its 2 cases move up to Auth. No case is deleted.');
    await user.click(within(dialog).getByRole('button', { name: 'Delete folder' }));

    expect(await screen.findByText('Deleted the folder Login.')).toBeInTheDocument();
    expect(server.to('DELETE /api/folders/6')).toHaveLength(1);
  });

  it('offers no change to a viewer', async () => {
    fakeApi({ ...loggedIn(aSession(['CASES_VIEW'])), ...repositoryApi() });
    renderApp('/projects/3/cases');

    await screen.findByRole('table', { name: 'Test cases' });
    expect(screen.queryByRole('button', { name: 'New case' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New folder' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Export' })).toHaveAttribute('href', '/api/projects/3/cases.csv');
  });
});
