import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../../test/fakeApi';
import { aUser, loggedIn, ROLES } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';

const admin = aUser();
const tess = aUser({ id: 2, username: 'tess', displayName: 'Tess Tester', email: 'tess@example.test', roles: [ROLES[1]!] });

function usersAndRoles(extra = {}) {
  return {
    ...loggedIn(),
    'GET /api/users': { body: { items: [admin, tess] } },
    'GET /api/roles': { body: { items: ROLES } },
    ...extra,
  };
}

describe('UsersPanel', () => {
  it('lists the users with their roles', async () => {
    fakeApi(usersAndRoles());
    renderApp('/users');

    const table = await screen.findByRole('table', { name: 'Users' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[2]).toHaveTextContent('tess');
    expect(rows[2]).toHaveTextContent('Tester');
    expect(screen.getByRole('switch', { name: 'Enabled: tess' })).toBeChecked();
    expect(screen.getByRole('switch', { name: 'Enabled: admin' })).toBeDisabled();
  });

  it('adds a user with the chosen roles', async () => {
    const server = fakeApi(
      usersAndRoles({ 'POST /api/users': { status: 201, body: aUser({ id: 3, username: 'vic', displayName: 'Vic' }) } }),
    );
    const { user } = renderApp('/users');

    await user.click(await screen.findByRole('button', { name: 'Add user' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add user' });
    await user.type(within(dialog).getByLabelText(/^Username/), 'vic');
    await user.type(within(dialog).getByLabelText(/^Display name/), 'Vic');
    await user.type(within(dialog).getByLabelText(/^Email/), 'vic@example.test');
    await user.type(within(dialog).getByLabelText(/^Initial password/), 'twelve chars!');
    await user.click(await within(dialog).findByRole('checkbox', { name: 'Viewer' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add user' }));

    expect(await screen.findByText('Added Vic (vic).')).toBeInTheDocument();
    expect(server.to('POST /api/users')[0]?.body).toEqual({
      username: 'vic',
      displayName: 'Vic',
      email: 'vic@example.test',
      password: 'twelve chars!',
      roleIds: [3],
    });
  });

  it('shows a refused username next to the field', async () => {
    fakeApi(usersAndRoles({ 'POST /api/users': apiError(409, 'conflict', 'The username tess is taken', 'username') }));
    const { user } = renderApp('/users');

    await user.click(await screen.findByRole('button', { name: 'Add user' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add user' });
    await user.type(within(dialog).getByLabelText(/^Username/), 'tess');
    await user.type(within(dialog).getByLabelText(/^Display name/), 'Tess');
    await user.type(within(dialog).getByLabelText(/^Email/), 'tess@example.test');
    await user.type(within(dialog).getByLabelText(/^Initial password/), 'twelve chars!');
    await user.click(within(dialog).getByRole('button', { name: 'Add user' }));

    expect(await within(dialog).findByText('The username tess is taken')).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Username/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('disables a user', async () => {
    const server = fakeApi(usersAndRoles({ 'PATCH /api/users/2': { body: { ...tess, disabled: true } } }));
    const { user } = renderApp('/users');

    await user.click(await screen.findByRole('switch', { name: 'Enabled: tess' }));

    await screen.findByRole('table', { name: 'Users' });
    expect(server.to('PATCH /api/users/2')[0]?.body).toEqual({ disabled: true });
  });

  it('resets a password', async () => {
    const server = fakeApi(usersAndRoles({ 'PUT /api/users/2/password': { status: 204 } }));
    const { user } = renderApp('/users');

    await user.click(await screen.findByRole('button', { name: 'Reset password of tess' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reset password of tess' });
    await user.type(within(dialog).getByLabelText(/^New password/), 'another long one');
    await user.click(within(dialog).getByRole('button', { name: 'Set password' }));

    expect(await screen.findByText('New password set for tess.')).toBeInTheDocument();
    expect(server.to('PUT /api/users/2/password')[0]?.body).toEqual({ password: 'another long one' });
  });
});
