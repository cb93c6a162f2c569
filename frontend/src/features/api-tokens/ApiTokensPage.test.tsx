import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { apiError, fakeApi } from '../../test/fakeApi';
import { aSession, aUser, loggedIn } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';

type ApiToken = Schemas['ApiToken'];

const SECRET = 'tb_k3v9x0q2ab_q5w8e7r6t5y4u3i2o1p0a9s8d7f6g5h4j3k2l1zxcvb';
const owner = { id: 1, username: 'admin', displayName: 'Ada Admin' };

function aToken(overrides: Partial<ApiToken> = {}): ApiToken {
  return {
    id: 4,
    prefix: 'tb_old0000001',
    name: 'Nightly dashboard',
    scopes: ['read'],
    createdAt: '2026-11-01T08:00:00Z',
    expiresAt: '2027-01-30T08:00:00Z',
    lastUsedAt: '2026-12-02T21:15:00Z',
    revokedAt: null,
    status: 'active',
    owner,
    ...overrides,
  };
}

/** A server that keeps the user's tokens, adds created ones and marks revoked ones. */
function tokenServer(initial: ApiToken[]) {
  let tokens = [...initial];
  return fakeApi({
    ...loggedIn(),
    'GET /api/me/api-tokens': () => ({ body: { items: tokens } }),
    'POST /api/me/api-tokens': (request) => {
      const body = request.body as { name: string; scopes: ApiToken['scopes']; expiresAt: string };
      const token = aToken({
        id: 9,
        prefix: 'tb_k3v9x0q2ab',
        name: body.name,
        scopes: body.scopes,
        expiresAt: body.expiresAt,
        createdAt: new Date().toISOString(),
        lastUsedAt: null,
      });
      tokens = [token, ...tokens];
      return { status: 201, body: { token, secret: SECRET } };
    },
    'DELETE /api/me/api-tokens/4': () => {
      tokens = tokens.map((token) => (token.id === 4 ? { ...token, status: 'revoked', revokedAt: '2026-12-03T10:00:00Z' } : token));
      return { status: 204 };
    },
  });
}

describe('ApiTokensPage', () => {
  it('is reached from the account menu and lists tokens with when they were last used', async () => {
    tokenServer([aToken(), aToken({ id: 5, name: 'Unused', prefix: 'tb_unused0001', lastUsedAt: null })]);
    const { user } = renderApp('/about');

    await user.click(await screen.findByRole('button', { name: 'Account of Ada Admin' }));
    await user.click(await screen.findByRole('menuitem', { name: 'API tokens' }));

    expect(await screen.findByRole('heading', { name: 'API tokens' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'My API tokens' });
    const [, used, unused] = within(table).getAllByRole('row');
    expect(used).toHaveTextContent('Nightly dashboard');
    expect(used).toHaveTextContent('tb_old0000001…');
    expect(used).not.toHaveTextContent('Never');
    expect(unused).toHaveTextContent('Never');
  });

  it('creates a token and shows its secret once, with a copy button', async () => {
    const server = tokenServer([]);
    const { user } = renderApp('/me/api-tokens');

    await user.click(await screen.findByRole('button', { name: 'Create token' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create API token' });
    await waitFor(() => expect(within(dialog).getByLabelText(/^Name/)).toHaveFocus());
    await user.type(within(dialog).getByLabelText(/^Name/), 'GitHub Actions');
    await user.click(within(dialog).getByRole('checkbox', { name: /^read/ }));
    await user.selectOptions(within(dialog).getByLabelText('Expires'), 'In 30 days');
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));

    const shown = await screen.findByRole('dialog', { name: 'Your new API token' });
    expect(within(shown).getByRole('textbox', { name: /GitHub Actions/ })).toHaveValue(SECRET);
    expect(within(shown).getByRole('button', { name: 'Copy token' })).toBeInTheDocument();
    expect(within(shown).getByText(/only time Testbridge shows this token/)).toBeInTheDocument();
    const [sent] = server.to('POST /api/me/api-tokens');
    const body = sent!.body as { name: string; scopes: string[]; expiresAt: string };
    expect(body.name).toBe('GitHub Actions');
    expect(body.scopes).toEqual(['results:write', 'read']);
    const days = (Date.parse(body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    await user.click(within(shown).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const table = await screen.findByRole('table', { name: 'My API tokens' });
    expect(table).toHaveTextContent('GitHub Actions');
    expect(table).toHaveTextContent('tb_k3v9x0q2ab…');
    expect(document.body).not.toHaveTextContent(SECRET);
  });

  it('asks for a day within a year when the expiry is a chosen day', async () => {
    const server = tokenServer([]);
    const { user } = renderApp('/me/api-tokens');

    await user.click(await screen.findByRole('button', { name: 'Create token' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create API token' });
    await user.type(within(dialog).getByLabelText(/^Name/), 'Release job');
    await user.selectOptions(within(dialog).getByLabelText('Expires'), 'On a day I choose');
    const day = within(dialog).getByLabelText(/^Last day/);
    expect(day).toHaveAttribute('type', 'date');
    await user.type(day, '2099-01-01');
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));

    expect(await within(dialog).findByText(/^Choose a day from/)).toBeInTheDocument();
    expect(server.to('POST /api/me/api-tokens')).toHaveLength(0);
  });

  it('shows the server’s objection next to the field it names', async () => {
    fakeApi({
      ...loggedIn(),
      'GET /api/me/api-tokens': { body: { items: [] } },
      'POST /api/me/api-tokens': apiError(400, 'invalid_request', 'A token lives at most a year.', 'expiresAt'),
    });
    const { user } = renderApp('/me/api-tokens');

    await user.click(await screen.findByRole('button', { name: 'Create token' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create API token' });
    await user.type(within(dialog).getByLabelText(/^Name/), 'CI');
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));

    expect(await screen.findByText('A token lives at most a year.')).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Create API token' })).toBeInTheDocument();
  });

  it('revokes a token after asking', async () => {
    const server = tokenServer([aToken()]);
    const { user } = renderApp('/me/api-tokens');

    await user.click(await screen.findByRole('button', { name: 'Revoke Nightly dashboard' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke Nightly dashboard?' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));

    await waitFor(() => expect(server.to('DELETE /api/me/api-tokens/4')).toHaveLength(1));
    const table = await screen.findByRole('table', { name: 'My API tokens' });
    await waitFor(() => expect(table).toHaveTextContent('revoked'));
    expect(screen.queryByRole('button', { name: 'Revoke Nightly dashboard' })).not.toBeInTheDocument();
  });
});

describe('AllApiTokensPanel', () => {
  it('shows administrators everyone’s tokens with their owners and revokes any of them', async () => {
    const tess = { id: 2, username: 'tess', displayName: 'Tess Tester' };
    let revoked = false;
    const server = fakeApi({
      ...loggedIn(aSession(undefined, aUser())),
      'GET /api/users': { body: { items: [aUser()] } },
      'GET /api/roles': { body: { items: [] } },
      'GET /api/api-tokens': () => ({
        body: { items: [aToken({ id: 7, name: 'Tess CI', owner: tess, status: revoked ? 'revoked' : 'active' })] },
      }),
      'DELETE /api/api-tokens/7': () => {
        revoked = true;
        return { status: 204 };
      },
    });
    const { user } = renderApp('/users');

    await user.click(await screen.findByRole('tab', { name: 'API tokens' }));
    const table = await screen.findByRole('table', { name: "Everyone's API tokens" });
    expect(table).toHaveTextContent('Tess Tester (tess)');
    await user.click(within(table).getByRole('button', { name: 'Revoke Tess CI' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Revoke Tess CI?' })).getByRole('button', { name: 'Revoke' }));

    await waitFor(() => expect(server.to('DELETE /api/api-tokens/7')).toHaveLength(1));
    await waitFor(() => expect(screen.getByRole('table', { name: "Everyone's API tokens" })).toHaveTextContent('revoked'));
  });
});
