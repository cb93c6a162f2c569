import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../../test/fakeApi';
import { aSession, aUser } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';

const PASSWORD = 'a long enough password';

async function fillIn(user: ReturnType<typeof renderApp>['user']) {
  await user.type(await screen.findByLabelText(/^Username/), 'admin');
  await user.type(screen.getByLabelText(/^Display name/), 'Ada Admin');
  await user.type(screen.getByLabelText(/^Email/), 'ada@example.test');
  await user.type(screen.getByLabelText(/^Password/), PASSWORD);
  await user.type(screen.getByLabelText(/^Repeat password/), PASSWORD);
  await user.click(screen.getByRole('button', { name: 'Create the administrator' }));
}

describe('SetupAdminPage', () => {
  it('creates the administrator, then logs in as them', async () => {
    let needsAdmin = true;
    const server = fakeApi({
      'GET /api/setup': () => ({ body: { needsAdmin } }),
      'POST /api/setup/admin': () => {
        needsAdmin = false;
        return { status: 201, body: aUser() };
      },
      'POST /api/session': { body: aSession() },
    });
    const { user, router } = renderApp('/');

    await fillIn(user);

    expect(await screen.findByRole('heading', { name: 'Integrations' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/integrations');
    expect(server.to('POST /api/setup/admin')[0]?.body).toEqual({
      username: 'admin',
      displayName: 'Ada Admin',
      email: 'ada@example.test',
      password: PASSWORD,
    });
    expect(server.to('POST /api/session')[0]?.body).toEqual({ username: 'admin', password: PASSWORD });
  });

  it('shows a validation error from the server next to the field it names', async () => {
    fakeApi({
      'GET /api/setup': { body: { needsAdmin: true } },
      'POST /api/setup/admin': apiError(400, 'invalid', 'This address is not accepted', 'email'),
    });
    const { user } = renderApp('/setup');

    await fillIn(user);

    const email = screen.getByLabelText(/^Email/);
    expect(await screen.findByText('This address is not accepted')).toBeInTheDocument();
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription(/This address is not accepted/);
  });

  it('moves on to the login page when someone else created the administrator first', async () => {
    fakeApi({
      'GET /api/setup': { body: { needsAdmin: true } },
      'POST /api/setup/admin': apiError(409, 'conflict', 'The administrator exists already'),
    });
    const { user, router } = renderApp('/setup');

    await fillIn(user);

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
  });

  it('asks for 12 characters before calling the server', async () => {
    const server = fakeApi({ 'GET /api/setup': { body: { needsAdmin: true } } });
    const { user } = renderApp('/setup');

    await user.type(await screen.findByLabelText(/^Password/), 'short');
    await user.click(screen.getByRole('button', { name: 'Create the administrator' }));

    expect(await screen.findByText('Use at least 12 characters')).toBeInTheDocument();
    expect(server.to('POST /api/setup/admin')).toHaveLength(0);
  });
});
