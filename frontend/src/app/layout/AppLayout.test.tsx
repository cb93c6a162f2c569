import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { aSession, aUser, loggedIn } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';

const tester = aSession(
  ['ISSUES_VIEW', 'ISSUES_CREATE', 'SUITES_VIEW', 'SUITES_MODIFY'],
  aUser({ id: 2, username: 'tess', displayName: 'Tess Tester', roles: [{ id: 2, name: 'Tester' }] }),
);
const about = { 'GET /api/about': { body: { name: 'Testbridge', version: '0.1.0-SNAPSHOT' } } };

describe('AppLayout', () => {
  it('offers an administrator every page', async () => {
    fakeApi({ ...loggedIn(), ...about });
    renderApp('/about');

    const navigation = await screen.findByRole('navigation', { name: 'Main' });
    const links = within(navigation).getAllByRole('link').map((link) => link.textContent);
    expect(links).toEqual(['Integrations', 'Projects', 'Users & roles', 'System', 'About']);
    expect(within(navigation).getByRole('link', { name: 'About' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('button', { name: 'Account of Ada Admin' })).toBeInTheDocument();
  });

  it('offers a tester neither Integrations, Users & roles nor System', async () => {
    fakeApi({
      ...loggedIn(tester),
      ...about,
      'GET /api/projects': { body: { items: [] } },
      'GET /api/me/jira-connections': { body: { items: [] } },
    });
    renderApp('/');

    const navigation = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(navigation).getAllByRole('link').map((link) => link.textContent)).toEqual(['Projects', 'About']);
    expect(await screen.findByRole('heading', { name: 'Projects' })).toBeInTheDocument();
  });

  it('lets the keyboard skip to the content, and puts focus there after moving to another page', async () => {
    fakeApi({
      ...loggedIn(),
      ...about,
      'GET /api/projects': { body: { items: [] } },
      'GET /api/me/jira-connections': { body: { items: [] } },
    });
    const { user } = renderApp('/about');
    await screen.findByRole('navigation', { name: 'Main' });

    await user.tab();
    const skip = screen.getByRole('link', { name: 'Skip to content' });
    expect(skip).toHaveFocus();
    expect(skip).toHaveAttribute('href', '#content');
    expect(document.getElementById('content')).toHaveAttribute('tabindex', '-1');

    await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Projects' }));
    expect(await screen.findByRole('heading', { name: 'Projects' })).toBeInTheDocument();
    expect(document.getElementById('content')).toHaveFocus();
  });

  it('refuses a deep link to a page the user may not see', async () => {
    fakeApi({ ...loggedIn(tester) });
    renderApp('/integrations');

    expect(await screen.findByRole('heading', { name: 'No access' })).toBeInTheDocument();
    expect(screen.getByText(/Integration: View/)).toBeInTheDocument();
  });

  it('logs out with the CSRF token and shows the login page', async () => {
    const server = fakeApi({ ...loggedIn(), ...about, 'DELETE /api/session': { status: 204 } });
    const { user, router } = renderApp('/about');

    await user.click(await screen.findByRole('button', { name: 'Log out' }));

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(server.to('DELETE /api/session')[0]?.headers.get('X-CSRF-Token')).toBe('csrf-token-1');
  });

  it('offers Log out in the account menu too (all there is of the account on a narrow screen)', async () => {
    const server = fakeApi({ ...loggedIn(), ...about, 'DELETE /api/session': { status: 204 } });
    const { user, router } = renderApp('/about');

    const account = await screen.findByRole('button', { name: 'Account of Ada Admin' });
    // One row of the header: the name is shown beside the initials only from the "sm" breakpoint up.
    expect(within(account).getByText('Ada Admin')).toHaveClass('mantine-visible-from-sm');
    expect(screen.getByRole('button', { name: 'Log out' })).toHaveClass('mantine-visible-from-sm');
    await user.click(account);
    await user.click(await screen.findByRole('menuitem', { name: 'Log out' }));

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(server.to('DELETE /api/session')).toHaveLength(1);
  });

  it('sends someone without a session to the login page', async () => {
    fakeApi({
      'GET /api/setup': { body: { needsAdmin: false } },
      'GET /api/me': { status: 401, body: { error: { code: 'unauthenticated', message: 'Log in first' } } },
    });
    const { router } = renderApp('/users');

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
  });
});
