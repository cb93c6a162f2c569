import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../../test/fakeApi';
import { aSession } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';

describe('LoginPage', () => {
  it('logs in and returns to the page that asked for a session', async () => {
    const server = fakeApi({
      'GET /api/setup': { body: { needsAdmin: false } },
      'GET /api/me': apiError(401, 'unauthenticated', 'Log in first'),
      'POST /api/session': { body: aSession() },
      'GET /api/about': { body: { name: 'Testbridge', version: '0.1.0-SNAPSHOT' } },
    });
    const { user, router } = renderApp('/about');

    await user.type(await screen.findByLabelText(/^Username/), 'admin');
    await user.type(screen.getByLabelText(/^Password/), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByText('0.1.0-SNAPSHOT')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/about');
    expect(server.to('POST /api/session')[0]?.body).toEqual({ username: 'admin', password: 'correct horse battery' });
  });

  it('says so when the credentials are wrong', async () => {
    fakeApi({
      'GET /api/setup': { body: { needsAdmin: false } },
      'GET /api/me': apiError(401, 'unauthenticated', 'Log in first'),
      'POST /api/session': apiError(401, 'invalid_credentials', 'Wrong username or password.'),
    });
    const { user } = renderApp('/login');

    await user.type(await screen.findByLabelText(/^Username/), 'admin');
    await user.type(screen.getByLabelText(/^Password/), 'nope');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password.');
  });

  it('sends a fresh install to the administrator setup', async () => {
    fakeApi({ 'GET /api/setup': { body: { needsAdmin: true } } });

    renderApp('/login');

    expect(await screen.findByRole('heading', { name: 'Create the administrator' })).toBeInTheDocument();
  });
});
