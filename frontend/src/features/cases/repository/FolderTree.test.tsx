import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aFolder, casePage, PEOPLE } from '../../../test/caseFixtures';
import { fakeApi, type RecordedRequest } from '../../../test/fakeApi';
import { aSession, loggedIn } from '../../../test/fixtures';
import { aProject } from '../../../test/projectFixtures';
import { renderApp } from '../../../test/renderApp';

const auth = aFolder({ id: 5, name: 'Auth', caseCount: 1 });
const authLogin = aFolder({ id: 6, parentId: 5, name: 'Login', caseCount: 2 });
const checkout = aFolder({ id: 7, name: 'Checkout', caseCount: 4 });
const topLogin = aFolder({ id: 8, name: 'Login', caseCount: 0 });

function treeApi(folders = [auth, authLogin, checkout]) {
  return {
    'GET /api/projects': { body: { items: [aProject()] } },
    'GET /api/projects/3/folders': { body: { items: folders } },
    'GET /api/projects/3/cases': casePage([]),
    'GET /api/projects/3/case-labels': { body: { items: [] } },
    'GET /api/people': { body: { items: PEOPLE } },
  };
}

const lastList = (server: { to: (route: string) => RecordedRequest[] }) => server.to('GET /api/projects/3/cases').at(-1)!.query;
const names = (tree: HTMLElement) => within(tree).getAllByRole('treeitem').map((item) => item.getAttribute('aria-label'));

describe('FolderTree', () => {
  it('is a tree with one Tab stop, nested groups, and the selected folder marked', async () => {
    fakeApi({ ...loggedIn(), ...treeApi() });
    renderApp('/projects/3/cases?folder=6');

    const tree = await screen.findByRole('tree', { name: 'Folders' });
    await within(tree).findByRole('treeitem', { name: 'Auth, 3 cases' });
    expect(names(tree)).toEqual(['All cases', 'Unfiled, in no folder', 'Auth, 3 cases', 'Login, 2 cases', 'Checkout, 4 cases']);
    const authItem = within(tree).getByRole('treeitem', { name: 'Auth, 3 cases' });
    expect(authItem).toHaveAttribute('aria-expanded', 'true');
    // One flat list, the nesting in aria-level (and each item's place among its siblings).
    const loginItem = within(tree).getByRole('treeitem', { name: 'Login, 2 cases' });
    expect([authItem.getAttribute('aria-level'), authItem.getAttribute('aria-posinset'), authItem.getAttribute('aria-setsize')]).toEqual(['1', '3', '4']);
    expect([loginItem.getAttribute('aria-level'), loginItem.getAttribute('aria-posinset'), loginItem.getAttribute('aria-setsize')]).toEqual(['2', '1', '1']);
    expect(within(tree).getByRole('treeitem', { name: 'Checkout, 4 cases' })).not.toHaveAttribute('aria-expanded');
    expect(within(tree).getByRole('treeitem', { name: 'Login, 2 cases' })).toHaveAttribute('aria-selected', 'true');
    expect(authItem).toHaveAttribute('aria-selected', 'false');
    // The selected item is the only one in the Tab order.
    expect(within(tree).getAllByRole('treeitem').filter((item) => item.tabIndex === 0)).toEqual([
      within(tree).getByRole('treeitem', { name: 'Login, 2 cases' }),
    ]);
  });

  it('moves with the arrows, Home and End and a letter, opens and closes folders, and lists the item on Enter', async () => {
    const server = fakeApi({ ...loggedIn(), ...treeApi() });
    const { user, router } = renderApp('/projects/3/cases');
    const tree = await screen.findByRole('tree', { name: 'Folders' });
    const item = (name: string) => within(tree).getByRole('treeitem', { name });
    await within(tree).findByRole('treeitem', { name: 'Auth, 3 cases' });

    item('All cases').focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(item('Auth, 3 cases')).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(item('Login, 2 cases')).toHaveFocus();
    await user.keyboard('{ArrowLeft}');
    expect(item('Auth, 3 cases')).toHaveFocus();

    await user.keyboard('{ArrowLeft}');
    expect(item('Auth, 3 cases')).toHaveAttribute('aria-expanded', 'false');
    expect(within(tree).queryByRole('treeitem', { name: 'Login, 2 cases' })).not.toBeInTheDocument();
    await user.keyboard('{ArrowDown}');
    expect(item('Checkout, 4 cases')).toHaveFocus();
    await user.keyboard('{ArrowUp}{ArrowRight}');
    expect(item('Auth, 3 cases')).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard('{ArrowRight}');
    expect(item('Login, 2 cases')).toHaveFocus();

    await user.keyboard('{Home}');
    expect(item('All cases')).toHaveFocus();
    await user.keyboard('{End}');
    expect(item('Checkout, 4 cases')).toHaveFocus();
    await user.keyboard('a');
    expect(item('All cases')).toHaveFocus();
    await user.keyboard('a');
    expect(item('Auth, 3 cases')).toHaveFocus();

    await user.keyboard('{Enter}');
    await waitFor(() => expect(lastList(server).get('folderId')).toBe('5'));
    expect(router.state.location.search).toBe('?folder=5');
    expect(item('Auth, 3 cases')).toHaveAttribute('aria-selected', 'true');
    expect(item('Auth, 3 cases')).toHaveAttribute('tabindex', '0');
  });

  it('opens the focused folder’s actions with Shift+F10, and gives focus back to it after the dialog', async () => {
    fakeApi({ ...loggedIn(), ...treeApi() });
    const { user } = renderApp('/projects/3/cases');
    const tree = await screen.findByRole('tree', { name: 'Folders' });
    const checkoutItem = await within(tree).findByRole('treeitem', { name: 'Checkout, 4 cases' });

    checkoutItem.focus();
    await user.keyboard('{Shift>}{F10}{/Shift}');
    // jsdom lays nothing out: the floating menu may count as hidden (see chooseOption).
    const menu = await screen.findByRole('menu', { name: 'Actions for folder Checkout', hidden: true });
    await user.click(await within(menu).findByRole('menuitem', { name: 'Rename', hidden: true }));
    const dialog = await screen.findByRole('dialog', { name: 'Rename Checkout' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await waitFor(() => expect(checkoutItem).toHaveFocus());
  });

  it('says where a folder is when another has the same name', async () => {
    fakeApi({ ...loggedIn(), ...treeApi([auth, authLogin, topLogin]) });
    renderApp('/projects/3/cases');

    const tree = await screen.findByRole('tree', { name: 'Folders' });
    await within(tree).findByRole('treeitem', { name: 'Auth, 3 cases' });
    expect(names(tree)).toEqual(['All cases', 'Unfiled, in no folder', 'Auth, 3 cases', 'Login (in Auth), 2 cases', 'Login (at the top), 0 cases']);
    expect(screen.getByRole('button', { name: 'Actions for folder Login (in Auth)' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Actions for folder Login (at the top)' })).toBeInTheDocument();
  });

  it('has no actions for a viewer', async () => {
    fakeApi({ ...loggedIn(aSession(['CASES_VIEW'])), ...treeApi() });
    const { user } = renderApp('/projects/3/cases');
    const tree = await screen.findByRole('tree', { name: 'Folders' });
    const checkoutItem = await within(tree).findByRole('treeitem', { name: 'Checkout, 4 cases' });

    expect(within(tree).queryByRole('button')).not.toBeInTheDocument();
    checkoutItem.focus();
    await user.keyboard('{Shift>}{F10}{/Shift}');
    expect(screen.queryByRole('menu', { hidden: true })).not.toBeInTheDocument();
  });
});
