import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../../test/fakeApi';
import { aSession, loggedIn } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';

const about = { 'GET /api/about': { body: { name: 'Testbridge', version: '0.1.0-SNAPSHOT' } } };
const CURRENT = 'the old passphrase';
const NEW = 'a brand new passphrase';

async function openDialog(user: ReturnType<typeof renderApp>['user']) {
  await user.click(await screen.findByRole('button', { name: 'Account of Ada Admin' }));
  await user.click(await screen.findByRole('menuitem', { name: 'Change password' }));
  return screen.findByRole('dialog', { name: 'Change password' });
}

async function fillIn(user: ReturnType<typeof renderApp>['user'], dialog: HTMLElement, repeat = NEW) {
  await user.type(within(dialog).getByLabelText(/^Current password/), CURRENT);
  await user.type(within(dialog).getByLabelText(/^New password/), NEW);
  await user.type(within(dialog).getByLabelText(/^Repeat new password/), repeat);
  await user.click(within(dialog).getByRole('button', { name: 'Change password' }));
}

describe('ChangePasswordModal', () => {
  it('opens from the account menu with focus on the current password, and gives focus back on Cancel', async () => {
    const server = fakeApi({ ...loggedIn(), ...about });
    const { user } = renderApp('/about');

    const dialog = await openDialog(user);

    const current = within(dialog).getByLabelText(/^Current password/);
    await waitFor(() => expect(current).toHaveFocus());
    expect(current).toHaveAttribute('autocomplete', 'current-password');
    expect(within(dialog).getByLabelText(/^New password/)).toHaveAttribute('autocomplete', 'new-password');
    expect(within(dialog).getByLabelText(/^New password/)).toHaveAccessibleDescription(/12 to 256 characters/);
    expect(within(dialog).getByLabelText(/^Repeat new password/)).toHaveAttribute('autocomplete', 'new-password');
    // The menu, closing, does not take focus back from the dialog.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(current).toHaveFocus();

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await expect.poll(() => document.activeElement).toBe(screen.getByRole('button', { name: 'Account of Ada Admin' }));
    expect(server.to('PUT /api/me/password')).toHaveLength(0);
  });

  it('catches new passwords that differ before calling the server', async () => {
    const server = fakeApi({ ...loggedIn(), ...about });
    const { user } = renderApp('/about');

    const dialog = await openDialog(user);
    await fillIn(user, dialog, 'a brand new passphrasE');

    const repeat = within(dialog).getByLabelText(/^Repeat new password/);
    expect(await within(dialog).findByText('The passwords differ')).toBeInTheDocument();
    expect(repeat).toHaveAttribute('aria-invalid', 'true');
    expect(repeat).toHaveAccessibleDescription(/The passwords differ/);
    await waitFor(() => expect(repeat).toHaveFocus());
    expect(server.to('PUT /api/me/password')).toHaveLength(0);
  });

  it('asks for 12 characters before calling the server', async () => {
    const server = fakeApi({ ...loggedIn(), ...about });
    const { user } = renderApp('/about');

    const dialog = await openDialog(user);
    await user.type(within(dialog).getByLabelText(/^Current password/), CURRENT);
    await user.type(within(dialog).getByLabelText(/^New password/), 'short');
    await user.type(within(dialog).getByLabelText(/^Repeat new password/), 'short');
    await user.click(within(dialog).getByRole('button', { name: 'Change password' }));

    expect(await within(dialog).findByText('Use at least 12 characters')).toBeInTheDocument();
    expect(server.to('PUT /api/me/password')).toHaveLength(0);
  });

  it('shows a wrong current password on its field, and stays logged in', async () => {
    fakeApi({
      ...loggedIn(),
      ...about,
      'PUT /api/me/password': apiError(400, 'invalid', 'The current password is wrong.', 'currentPassword'),
    });
    const { user, router } = renderApp('/about');

    const dialog = await openDialog(user);
    await fillIn(user, dialog);

    const current = within(dialog).getByLabelText(/^Current password/);
    expect(await within(dialog).findByText('The current password is wrong.')).toBeInTheDocument();
    expect(current).toHaveAttribute('aria-invalid', 'true');
    expect(current).toHaveAccessibleDescription(/The current password is wrong\./);
    await waitFor(() => expect(current).toHaveFocus());
    expect(screen.getByRole('dialog', { name: 'Change password' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/about');
  });

  it('shows a refused new password on its field', async () => {
    fakeApi({
      ...loggedIn(),
      ...about,
      'PUT /api/me/password': apiError(400, 'invalid', 'This password is one of the most common ones.', 'newPassword'),
    });
    const { user } = renderApp('/about');

    const dialog = await openDialog(user);
    await fillIn(user, dialog);

    const newPassword = within(dialog).getByLabelText(/^New password/);
    expect(await within(dialog).findByText('This password is one of the most common ones.')).toBeInTheDocument();
    expect(newPassword).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByLabelText(/^Current password/)).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('says when to try again after too many attempts', async () => {
    fakeApi({
      ...loggedIn(),
      ...about,
      'PUT /api/me/password': {
        ...apiError(429, 'too_many_attempts', 'Too many attempts. Try again in 5 minutes.'),
        headers: { 'Retry-After': '300' },
      },
    });
    const { user } = renderApp('/about');

    const dialog = await openDialog(user);
    await fillIn(user, dialog);

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Too many attempts. Try again in 5 minutes.');
  });

  it('changes the password, forgets the session and shows the login page with a notice', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...about,
      'PUT /api/me/password': { status: 204 },
      'POST /api/session': { body: aSession() },
    });
    const { user, router, queryClient } = renderApp('/about');

    const dialog = await openDialog(user);
    await fillIn(user, dialog);

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(screen.getByText('Your password was changed. Log in with the new one.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog', { name: 'Change password' })).not.toBeInTheDocument();
    const [request] = server.to('PUT /api/me/password');
    expect(request?.body).toEqual({ currentPassword: CURRENT, newPassword: NEW });
    expect(request?.headers.get('X-CSRF-Token')).toBe('csrf-token-1');
    // Nothing of the old session is left to show, nor fetched again.
    expect(queryClient.getQueryData(['me'])).toBeNull();
    expect(queryClient.getQueryData(['about'])).toBeUndefined();
    expect(server.to('GET /api/me')).toHaveLength(1);

    // Logged in again, the notice is done with.
    await user.type(screen.getByLabelText(/^Username/), 'admin');
    await user.type(screen.getByLabelText(/^Password/), NEW);
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('button', { name: 'Account of Ada Admin' })).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByText('Your password was changed. Log in with the new one.')).not.toBeInTheDocument(),
    );
  });
});
