import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCycle, aCycleCase, aDefect, PEOPLE, progressOf, TESS } from '../../test/cycleFixtures';
import { apiError, fakeApi, type RecordedRequest } from '../../test/fakeApi';
import { aSession, loggedIn } from '../../test/fixtures';
import { aProject } from '../../test/projectFixtures';
import { chooseOption } from '../../test/chooseOption';
import { renderApp } from '../../test/renderApp';

const CASES = [
  aCycleCase(),
  aCycleCase({ id: 32, caseId: 102, key: 'SHOP-TC-2', title: 'Pay by voucher', status: 'FAIL', assignee: { id: 5, name: 'Tess Tester' }, hasResults: true }),
];

function cycleApi(extra = {}) {
  return {
    'GET /api/projects': { body: { items: [aProject()] } },
    'GET /api/cycles/7': { body: aCycle() },
    'GET /api/cycles/7/cases': { body: { items: CASES, progress: progressOf({ NOT_RUN: 1, FAIL: 1 }) } },
    'GET /api/cycles/7/defects': { body: { items: [aDefect()] } },
    'GET /api/people': { body: { items: PEOPLE } },
    ...extra,
  };
}

describe('CyclePage', () => {
  it('shows the cycle, its cases with version, assignee, status and attempts, and its defects with their Jira status', async () => {
    fakeApi({ ...loggedIn(), ...cycleApi() });
    renderApp('/projects/3/cycles/7');

    const cases = await screen.findByRole('table', { name: 'Cases of the cycle' });
    const [, first, second] = within(cases).getAllByRole('row');
    // Attempts: none until something is recorded.
    expect(within(first!).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['', 'SHOP-TC-1', 'Pay by card', '1', 'Unassigned', 'Not run', '–none yet', 'RunRemove']);
    expect(within(second!).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
      '',
      'SHOP-TC-2',
      'Pay by voucher',
      '1',
      'Tess Tester',
      'Fail',
      '1',
      'RunRemovehas results',
    ]);
    expect(within(second!).getByRole('link', { name: 'Run SHOP-TC-2' })).toHaveAttribute('href', '/projects/3/cycles/7/run?case=32');
    // The key opens the case in the repository; no header is empty (screen readers name each column).
    expect(within(second!).getByRole('link', { name: 'SHOP-TC-2' })).toHaveAttribute('href', '/projects/3/cases/102');
    expect(within(cases).getAllByRole('columnheader').map((header) => header.textContent)).toEqual([
      '',
      'Key',
      'Title',
      'Version',
      'Assignee',
      'Status',
      'Attempts',
      'Actions',
    ]);
    expect(within(cases).getAllByRole('columnheader')[0]).toContainElement(within(cases).getByRole('checkbox', { name: 'Select every case' }));
    expect(screen.getByRole('table', { name: 'About the cycle' })).toHaveTextContent('1.4.2');

    const defects = screen.getByRole('table', { name: 'Defects of the cycle' });
    expect(within(defects).getByRole('link', { name: /TB-9/ })).toHaveAttribute('href', 'https://acme.atlassian.net/browse/TB-9');
    expect(defects).toHaveTextContent('To Do');
    expect(defects).toHaveTextContent('Bob Tester');
    expect(within(defects).getByRole('columnheader', { name: 'Actions' })).toBeInTheDocument();
  });

  it('shows the keys as plain text to someone who may not see the repository', async () => {
    fakeApi({ ...loggedIn(aSession(['CYCLES_VIEW'])), ...cycleApi() });
    renderApp('/projects/3/cycles/7');

    const cases = await screen.findByRole('table', { name: 'Cases of the cycle' });
    expect(within(cases).getByText('SHOP-TC-1')).not.toHaveAttribute('href');
    expect(within(cases).queryByRole('link', { name: 'SHOP-TC-1' })).toBeNull();
  });

  it('adds the cases of a suite', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...cycleApi({
        'GET /api/projects/3/suites': { body: { items: [{ id: 21, projectId: 3, name: 'Checkout', description: '', caseCount: 4, linkCount: 0 }] } },
        'POST /api/cycles/7/cases': { body: { added: 4, alreadyInCycle: 0 } },
      }),
    });
    const { user } = renderApp('/projects/3/cycles/7');

    await user.click(await screen.findByRole('button', { name: 'Add cases' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add cases to Sprint 12' });
    await chooseOption(user, within(dialog).getByLabelText('Test suite'), 'Checkout (4 cases)');
    await user.click(within(dialog).getByRole('button', { name: 'Add the 4 cases of Checkout' }));

    expect(await screen.findByText('Added 4 cases to Sprint 12.')).toBeInTheDocument();
    expect(server.to('POST /api/cycles/7/cases')[0]?.body).toEqual({ suiteId: 21 });
  });

  it('adds what a filter of the repository finds, saying how many first', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...cycleApi({
        'GET /api/projects/3/suites': { body: { items: [] } },
        'GET /api/projects/3/folders': { body: { items: [{ id: 2, parentId: null, name: 'Checkout', caseCount: 3 }] } },
        'GET /api/projects/3/cases': (request: RecordedRequest) => ({
          body: { items: [], total: request.query.get('priority') === 'HIGH' ? 3 : 12, page: 1, pageSize: 20 },
        }),
        'POST /api/cycles/7/cases': { body: { added: 3, alreadyInCycle: 0 } },
      }),
    });
    const { user } = renderApp('/projects/3/cycles/7');

    await user.click(await screen.findByRole('button', { name: 'Add cases' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add cases to Sprint 12' });
    await user.click(within(dialog).getByRole('tab', { name: 'By filter' }));
    expect(await within(dialog).findByText('12 cases match.')).toBeInTheDocument();
    await chooseOption(user, within(dialog).getByLabelText('Priority'), 'High');
    await chooseOption(user, within(dialog).getByLabelText('Folder'), 'Checkout');
    await user.click(await within(dialog).findByRole('button', { name: 'Add 3 cases' }));

    expect(await screen.findByText('Added 3 cases to Sprint 12.')).toBeInTheDocument();
    expect(server.to('POST /api/cycles/7/cases')[0]?.body).toEqual({ filter: { priority: 'HIGH', folderId: 2 } });
  });

  it('says how many of a suite\'s cases were in the cycle already', async () => {
    fakeApi({
      ...loggedIn(),
      ...cycleApi({
        'GET /api/projects/3/suites': { body: { items: [{ id: 22, projectId: 3, name: 'Payments', description: '', caseCount: 2, linkCount: 0 }] } },
        'POST /api/cycles/7/cases': { body: { added: 1, alreadyInCycle: 1 } },
      }),
    });
    const { user } = renderApp('/projects/3/cycles/7');

    await user.click(await screen.findByRole('button', { name: 'Add cases' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add cases to Sprint 12' });
    await chooseOption(user, within(dialog).getByLabelText('Test suite'), 'Payments (2 cases)');
    await user.click(within(dialog).getByRole('button', { name: 'Add the 2 cases of Payments' }));

    expect(await screen.findByText('Added 1 case; 1 was in the cycle already.')).toBeInTheDocument();
  });

  it('says how many of the cases a filter finds are in the cycle already, and adds the others', async () => {
    const found = [101, 102, 103, 104, 105].map((id) => ({
      id,
      key: `SHOP-TC-${id - 100}`,
      title: `Case ${id}`,
      priority: 'HIGH',
      status: 'READY',
      labels: [],
      components: [],
      stepCount: 1,
      archived: false,
      version: 1,
    }));
    const server = fakeApi({
      ...loggedIn(),
      ...cycleApi({
        'GET /api/projects/3/suites': { body: { items: [] } },
        'GET /api/projects/3/folders': { body: { items: [] } },
        'GET /api/projects/3/cases': (request: RecordedRequest) => {
          const pageSize = Number(request.query.get('pageSize'));
          return { body: { items: found.slice(0, pageSize), total: found.length, page: 1, pageSize } };
        },
        'POST /api/cycles/7/cases': { body: { added: 3, alreadyInCycle: 2 } },
      }),
    });
    const { user } = renderApp('/projects/3/cycles/7');

    await user.click(await screen.findByRole('button', { name: 'Add cases' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add cases to Sprint 12' });
    await user.click(within(dialog).getByRole('tab', { name: 'By filter' }));
    expect(await within(dialog).findByText('5 cases match; 2 are in the cycle already.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Add 3 cases' }));

    expect(await screen.findByText('Added 3 cases; 2 were in the cycle already.')).toBeInTheDocument();
    expect(server.to('POST /api/cycles/7/cases')[0]?.body).toEqual({ filter: {} });
  });

  it('adds cases picked one by one', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...cycleApi({
        'GET /api/projects/3/suites': { body: { items: [] } },
        'GET /api/projects/3/cases': {
          body: {
            items: [
              { id: 101, key: 'SHOP-TC-1', title: 'Pay by card', priority: 'LOW', status: 'READY', labels: [], components: [], stepCount: 3, archived: false, version: 1 },
              { id: 105, key: 'SHOP-TC-5', title: 'Refund', priority: 'LOW', status: 'READY', labels: [], components: [], stepCount: 2, archived: false, version: 3 },
              { id: 106, key: 'SHOP-TC-6', title: 'Invoice', priority: 'LOW', status: 'READY', labels: [], components: [], stepCount: 1, archived: false, version: 1 },
            ],
            total: 3,
            page: 1,
            pageSize: 20,
          },
        },
        'POST /api/cycles/7/cases': { body: { added: 2, alreadyInCycle: 0 } },
      }),
    });
    const { user } = renderApp('/projects/3/cycles/7');

    await user.click(await screen.findByRole('button', { name: 'Add cases' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add cases to Sprint 12' });
    await user.click(within(dialog).getByRole('tab', { name: 'One by one' }));
    // A case in the cycle already is marked so, and cannot be picked.
    const present = await within(dialog).findByRole('checkbox', { name: 'Pick SHOP-TC-1' });
    expect(present).toBeChecked();
    expect(present).toBeDisabled();
    expect(present).toHaveAccessibleDescription('in the cycle');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Pick SHOP-TC-5' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Pick SHOP-TC-6' }));
    expect(within(dialog).getByText('2 picked: SHOP-TC-5, SHOP-TC-6')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Add 2 cases' }));

    expect(await screen.findByText('Added 2 cases to Sprint 12.')).toBeInTheDocument();
    expect(server.to('POST /api/cycles/7/cases')[0]?.body).toEqual({ caseIds: [105, 106] });
  });

  it('assigns the selected cases to a tester', async () => {
    const server = fakeApi({ ...loggedIn(), ...cycleApi({ 'PATCH /api/cycles/7/cases': { body: { updated: 2 } } }) });
    const { user } = renderApp('/projects/3/cycles/7');

    await user.click(await screen.findByRole('checkbox', { name: 'Select every case' }));
    expect(screen.getByText('2 selected')).toBeInTheDocument();
    await chooseOption(user, screen.getByLabelText('Assign to', { selector: 'input' }), 'Tess Tester (tess)');
    await user.click(screen.getByRole('button', { name: 'Assign' }));

    expect(await screen.findByText('Assigned 2 cases to Tess Tester.')).toBeInTheDocument();
    expect(server.to('PATCH /api/cycles/7/cases')[0]?.body).toEqual({ cycleCaseIds: [31, 32], assigneeId: TESS.id });
  });

  it('does not offer to remove a case that has results, and says why', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...cycleApi({
        'DELETE /api/cycles/7/cases/31': { status: 204 },
      }),
    });
    const { user } = renderApp('/projects/3/cycles/7');

    const kept = await screen.findByRole('button', { name: 'Remove SHOP-TC-2 from the cycle' });
    expect(kept).toHaveAttribute('aria-disabled', 'true');
    expect(kept).toHaveAccessibleDescription('has results');
    await user.click(kept);
    expect(server.to('DELETE /api/cycles/7/cases/32')).toHaveLength(0);

    const removable = screen.getByRole('button', { name: 'Remove SHOP-TC-1 from the cycle' });
    expect(removable).not.toHaveAttribute('aria-disabled');
    await user.click(removable);
    expect(await screen.findByText('Took SHOP-TC-1 out of Sprint 12.')).toBeInTheDocument();
    expect(server.to('DELETE /api/cycles/7/cases/31')).toHaveLength(1);
  });

  it('shows why the server refuses to remove a case that got results meanwhile', async () => {
    fakeApi({
      ...loggedIn(),
      ...cycleApi({ 'DELETE /api/cycles/7/cases/31': apiError(409, 'conflict', 'SHOP-TC-1 has results in this cycle; it stays.') }),
    });
    const { user } = renderApp('/projects/3/cycles/7');

    await user.click(await screen.findByRole('button', { name: 'Remove SHOP-TC-1 from the cycle' }));
    expect(await screen.findByText('SHOP-TC-1 has results in this cycle; it stays.')).toBeInTheDocument();
    expect(screen.getByText('Could not remove SHOP-TC-1')).toBeInTheDocument();
  });
});
