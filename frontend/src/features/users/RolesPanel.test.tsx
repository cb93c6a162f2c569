import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../../test/fakeApi';
import { loggedIn, ROLES } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';

const auditor = { id: 4, name: 'Auditor', builtIn: false, rights: ['INTEGRATION_VIEW' as const] };

async function openRolesTab() {
  const view = renderApp('/users');
  await view.user.click(await screen.findByRole('tab', { name: 'Roles' }));
  return view;
}

describe('RolesPanel', () => {
  it('lists the roles with their rights', async () => {
    fakeApi({ ...loggedIn(), 'GET /api/roles': { body: { items: [...ROLES, auditor] } }, 'GET /api/users': { body: { items: [] } } });
    await openRolesTab();

    const table = await screen.findByRole('table', { name: 'Roles' });
    const viewer = within(table).getByRole('row', { name: /Viewer/ });
    expect(viewer).toHaveTextContent('Issues: View');
    expect(viewer).toHaveTextContent('Test Suites: View');
    expect(within(viewer).queryByRole('button')).not.toBeInTheDocument();
    expect(within(table).getByRole('button', { name: 'Delete role Auditor' })).toBeInTheDocument();
  });

  it('adds a custom role from the rights checklist', async () => {
    const server = fakeApi({
      ...loggedIn(),
      'GET /api/roles': { body: { items: ROLES } },
      'GET /api/users': { body: { items: [] } },
      'POST /api/roles': { status: 201, body: auditor },
    });
    const { user } = await openRolesTab();

    await user.click(await screen.findByRole('button', { name: 'Add role' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add role' });
    await user.type(within(dialog).getByLabelText(/^Name/), 'Auditor');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Integration: View' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Issues: View' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add role' }));

    await screen.findByRole('table', { name: 'Roles' });
    expect(server.to('POST /api/roles')[0]?.body).toEqual({ name: 'Auditor', rights: ['INTEGRATION_VIEW', 'ISSUES_VIEW'] });
  });

  it('explains a refused deletion', async () => {
    fakeApi({
      ...loggedIn(),
      'GET /api/roles': { body: { items: [...ROLES, auditor] } },
      'DELETE /api/roles/4': apiError(409, 'conflict', 'Two users hold the role Auditor'),
    });
    const { user } = await openRolesTab();

    await user.click(await screen.findByRole('button', { name: 'Delete role Auditor' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete role Auditor?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

    expect(await screen.findByText('Two users hold the role Auditor')).toBeInTheDocument();
  });
});
