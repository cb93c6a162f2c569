import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCaseSummary, aFolder, casePage, PEOPLE } from '../../../test/caseFixtures';
import { chooseOption } from '../../../test/chooseOption';
import { fakeApi } from '../../../test/fakeApi';
import { loggedIn } from '../../../test/fixtures';
import { aProject } from '../../../test/projectFixtures';
import { renderApp } from '../../../test/renderApp';

const first = aCaseSummary();
const second = aCaseSummary({ id: 2, key: 'SHOP-TC-2', title: 'Log in' });
const third = aCaseSummary({ id: 3, key: 'SHOP-TC-3', title: 'Log out' });

function repositoryApi(extra = {}) {
  return {
    'GET /api/projects': { body: { items: [aProject()] } },
    'GET /api/projects/3/folders': { body: { items: [aFolder({ id: 5, name: 'Auth' })] } },
    'GET /api/projects/3/cases': casePage([first, second, third]),
    'GET /api/people': { body: { items: PEOPLE } },
    'GET /api/projects/3/suites': { body: { items: [{ id: 21, projectId: 3, name: 'Checkout', caseCount: 1, linkCount: 0 }, { id: 22, projectId: 3, name: 'Smoke', caseCount: 0, linkCount: 0 }] } },
    ...extra,
  };
}

async function selectFirstTwo(user: ReturnType<typeof renderApp>['user']) {
  const table = await screen.findByRole('table', { name: 'Test cases' });
  await user.click(within(table).getByRole('checkbox', { name: 'Select SHOP-TC-1' }));
  await user.click(within(table).getByRole('checkbox', { name: 'Select SHOP-TC-2' }));
  return screen.getByRole('region', { name: 'Selected cases' });
}

describe('BulkBar', () => {
  it('adds and removes labels of the selected cases, then clears the selection', async () => {
    const server = fakeApi({ ...loggedIn(), ...repositoryApi({ 'POST /api/projects/3/cases/bulk': { body: { updated: 2 } } }) });
    const { user } = renderApp('/projects/3/cases');

    const bar = await selectFirstTwo(user);
    expect(bar).toHaveTextContent('2 cases selected');
    expect(within(bar).getByRole('link', { name: 'Export selection' })).toHaveAttribute('href', '/api/projects/3/cases.csv?ids=1,2');
    await user.click(within(bar).getByRole('button', { name: 'Labels…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add or remove labels of 2 cases' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Add labels/ }), 'regression{Enter}');
    await user.type(within(dialog).getByRole('textbox', { name: 'Remove labels' }), 'smoke{Enter}');
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));

    expect(await screen.findByText('Changed 2 cases.')).toBeInTheDocument();
    expect(server.to('POST /api/projects/3/cases/bulk')[0]?.body).toEqual({ caseIds: [1, 2], addLabels: ['regression'], removeLabels: ['smoke'] });
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Selected cases' })).not.toBeInTheDocument());
  });

  it('suggests the labels in use to add or remove', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...repositoryApi({
        'GET /api/projects/3/case-labels': { body: { items: [{ label: 'regression', cases: 4 }, { label: 'smoke', cases: 2 }] } },
        'POST /api/projects/3/cases/bulk': { body: { updated: 2 } },
      }),
    });
    const { user } = renderApp('/projects/3/cases');

    const bar = await selectFirstTwo(user);
    await user.click(within(bar).getByRole('button', { name: 'Labels…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add or remove labels of 2 cases' });
    const add = within(dialog).getByRole('textbox', { name: /^Add labels/ });
    await user.type(add, 'reg');
    await user.click(await within(document.getElementById(add.getAttribute('aria-controls')!)!).findByRole('option', { name: 'regression 4 cases', hidden: true }));
    await chooseOption(user, within(dialog).getByRole('textbox', { name: 'Remove labels' }), 'smoke 2 cases');
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));

    await waitFor(() =>
      expect(server.to('POST /api/projects/3/cases/bulk')[0]?.body).toEqual({ caseIds: [1, 2], addLabels: ['regression'], removeLabels: ['smoke'] }),
    );
  });

  it('sets the status, the owner and the folder of the selection', async () => {
    const server = fakeApi({ ...loggedIn(), ...repositoryApi({ 'POST /api/projects/3/cases/bulk': { body: { updated: 2 } } }) });
    const { user } = renderApp('/projects/3/cases');

    let bar = await selectFirstTwo(user);
    await user.click(within(bar).getByRole('button', { name: 'Set status' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Deprecated' }));
    await screen.findByText('Changed the status of 2 cases.');

    bar = await selectFirstTwo(user);
    await user.click(within(bar).getByRole('button', { name: 'Owner…' }));
    let dialog = await screen.findByRole('dialog', { name: 'Set the owner of 2 cases' });
    await chooseOption(user, within(dialog).getByRole('textbox', { name: 'Owner' }), 'Nobody');
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(server.to('POST /api/projects/3/cases/bulk')).toHaveLength(2));

    bar = await selectFirstTwo(user);
    await user.click(within(bar).getByRole('button', { name: 'Move to folder…' }));
    dialog = await screen.findByRole('dialog', { name: 'Move to folder of 2 cases' });
    await chooseOption(user, within(dialog).getByRole('textbox', { name: 'Folder' }), 'Auth');
    await user.click(within(dialog).getByRole('button', { name: 'Move' }));
    await waitFor(() => expect(server.to('POST /api/projects/3/cases/bulk')).toHaveLength(3));

    expect(server.to('POST /api/projects/3/cases/bulk').map((request) => request.body)).toEqual([
      { caseIds: [1, 2], status: 'DEPRECATED' },
      { caseIds: [1, 2], ownerId: null },
      { caseIds: [1, 2], folderId: 5 },
    ]);
  });

  it('adds the selection to a chosen suite', async () => {
    const server = fakeApi({ ...loggedIn(), ...repositoryApi({ 'POST /api/suites/22/members': { body: { items: [] } } }) });
    const { user } = renderApp('/projects/3/cases');

    const bar = await selectFirstTwo(user);
    await user.click(within(bar).getByRole('button', { name: 'Add to suite…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add 2 cases to a suite' });
    await chooseOption(user, within(dialog).getByRole('textbox', { name: 'Suite' }), 'Smoke');
    await user.click(within(dialog).getByRole('button', { name: 'Add to suite' }));

    expect(await screen.findByText('Added 2 cases to Smoke.')).toBeInTheDocument();
    expect(server.to('POST /api/suites/22/members')[0]?.body).toEqual({ caseIds: [1, 2] });
  });

  it('selects a whole page, clones and archives', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...repositoryApi({
        'POST /api/projects/3/cases/clone': { status: 201, body: { items: [{}, {}, {}] } },
        'POST /api/projects/3/cases/archive': { body: { updated: 3 } },
      }),
    });
    const { user } = renderApp('/projects/3/cases');

    await user.click(await screen.findByRole('checkbox', { name: 'Select all cases on this page' }));
    await user.click(within(screen.getByRole('region', { name: 'Selected cases' })).getByRole('button', { name: 'Clone' }));
    expect(await screen.findByText('Cloned 3 cases.')).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Select all cases on this page' }));
    await user.click(within(screen.getByRole('region', { name: 'Selected cases' })).getByRole('button', { name: 'Archive' }));
    expect(await screen.findByText('Archived 3 cases.')).toBeInTheDocument();
    expect(server.to('POST /api/projects/3/cases/archive')[0]?.body).toEqual({ caseIds: [1, 2, 3] });
  });

  it('only restores or exports in the archive', async () => {
    const server = fakeApi({ ...loggedIn(), ...repositoryApi({ 'POST /api/projects/3/cases/restore': { body: { updated: 2 } } }) });
    const { user } = renderApp('/projects/3/cases?archived=1');

    const bar = await selectFirstTwo(user);
    expect(within(bar).queryByRole('button', { name: 'Archive' })).not.toBeInTheDocument();
    expect(within(bar).queryByRole('button', { name: 'Labels…' })).not.toBeInTheDocument();
    await user.click(within(bar).getByRole('button', { name: 'Restore' }));

    expect(await screen.findByText('Restored 2 cases.')).toBeInTheDocument();
    expect(server.to('GET /api/projects/3/cases')[0]?.query.get('archived')).toBe('true');
  });
});
