import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { loggedIn } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';

const expiring = {
  instanceId: 7,
  instanceName: 'Acme',
  deployment: 'CLOUD',
  status: 'CONNECTED',
  jiraAccount: 'Alice Admin',
  consentExpiresAt: '2026-12-05T10:00:00Z',
  consentExpiresSoon: true,
};

describe('ConsentExpiryBanner', () => {
  it('reminds the user on every page, and asks nothing more once they log out', async () => {
    const server = fakeApi({
      ...loggedIn(),
      'GET /api/about': { body: { name: 'Testbridge', version: '1.0.0' } },
      'GET /api/me/jira-connections': { body: { items: [expiring] } },
      'DELETE /api/session': { status: 204 },
    });
    const { user } = renderApp('/about');

    expect(await screen.findByText(/Re-authenticate with Acme/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'My Jira connections' })).toHaveAttribute('href', '/me/jira-connections');

    await user.click(screen.getByRole('button', { name: 'Log out' }));

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(server.to('GET /api/me/jira-connections')).toHaveLength(1);
  });
});
