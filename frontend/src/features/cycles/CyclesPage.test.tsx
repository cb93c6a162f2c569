import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatDayRange } from '../../lib/format';
import { aCycle, progressOf } from '../../test/cycleFixtures';
import { fakeApi } from '../../test/fakeApi';
import { aSession, aUser, loggedIn } from '../../test/fixtures';
import { aProject } from '../../test/projectFixtures';
import { renderApp } from '../../test/renderApp';

const viewer = aSession(['ISSUES_VIEW', 'SUITES_VIEW', 'CYCLES_VIEW'], aUser({ id: 3, username: 'vic', displayName: 'Vic Viewer' }));

function cyclesApi(extra = {}) {
  return {
    'GET /api/projects': { body: { items: [aProject()] } },
    'GET /api/projects/3/cycles': {
      body: { items: [aCycle(), aCycle({ id: 8, name: 'Smoke', build: '', environment: '', plannedStart: null, plannedEnd: null, progress: progressOf(), defects: 0 })] },
    },
    ...extra,
  };
}

describe('CyclesPage', () => {
  it('lists the cycles with build, environment, dates, progress by status and defects', async () => {
    fakeApi({ ...loggedIn(), ...cyclesApi() });
    renderApp('/projects/3/cycles');

    const table = await screen.findByRole('table', { name: 'Test cycles' });
    const [, sprint, smoke] = within(table).getAllByRole('row');
    expect(within(sprint!).getByRole('link', { name: 'Sprint 12' })).toHaveAttribute('href', '/projects/3/cycles/7');
    expect(sprint).toHaveTextContent('1.4.2');
    expect(sprint).toHaveTextContent('staging');
    expect(sprint).toHaveTextContent(formatDayRange('2026-12-01', '2026-12-05'));
    expect(within(sprint!).getByRole('img', { name: 'Progress of Sprint 12: 2 of 3 run: 1 pass, 1 fail, 1 not run' })).toBeInTheDocument();
    expect(within(sprint!).getByRole('cell', { name: 'Defects of Sprint 12' })).toHaveTextContent('1');
    expect(within(sprint!).getByRole('link', { name: 'Run Sprint 12' })).toHaveAttribute('href', '/projects/3/cycles/7/run');
    expect(within(smoke!).getByRole('img', { name: 'Progress of Smoke: No cases yet' })).toBeInTheDocument();
    expect(within(smoke!).queryByRole('link', { name: 'Run Smoke' })).toBeNull();
    expect(within(screen.getByRole('navigation', { name: 'Project sections' })).getByRole('link', { name: 'Test cycles' })).toHaveAttribute('aria-current', 'page');
  });

  it('plans a new cycle and opens it to add cases', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...cyclesApi({
        'POST /api/projects/3/cycles': { status: 201, body: aCycle({ id: 9, name: 'Release 2', progress: progressOf(), defects: 0 }) },
        'GET /api/cycles/9': { body: aCycle({ id: 9, name: 'Release 2', progress: progressOf(), defects: 0 }) },
        'GET /api/cycles/9/cases': { body: { items: [], progress: progressOf() } },
        'GET /api/cycles/9/defects': { body: { items: [] } },
      }),
    });
    const { user, router } = renderApp('/projects/3/cycles');

    await user.click(await screen.findByRole('button', { name: 'New cycle' }));
    const dialog = await screen.findByRole('dialog', { name: 'New test cycle' });
    await user.click(within(dialog).getByRole('button', { name: 'Add cycle' }));
    expect(within(dialog).getByText('Enter a name')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/^Name/), 'Release 2');
    await user.type(within(dialog).getByLabelText('Build or version'), '2.0.0');
    await user.type(within(dialog).getByLabelText('Environment'), 'production');
    await user.type(within(dialog).getByLabelText('Planned start'), '2026-12-10');
    await user.type(within(dialog).getByLabelText('Planned end'), '2026-12-09');
    await user.click(within(dialog).getByRole('button', { name: 'Add cycle' }));
    expect(within(dialog).getByText('End on or after the planned start')).toBeInTheDocument();
    await user.clear(within(dialog).getByLabelText('Planned end'));
    await user.type(within(dialog).getByLabelText('Planned end'), '2026-12-12');
    await user.click(within(dialog).getByRole('button', { name: 'Add cycle' }));

    expect(await screen.findByRole('heading', { name: 'Release 2' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/projects/3/cycles/9');
    expect(server.to('POST /api/projects/3/cycles')[0]?.body).toEqual({
      name: 'Release 2',
      description: '',
      build: '2.0.0',
      environment: 'production',
      plannedStart: '2026-12-10',
      plannedEnd: '2026-12-12',
    });
  });

  it('asks before Esc throws away a new cycle that has typed input, and closes at once one that has none', async () => {
    const server = fakeApi({ ...loggedIn(), ...cyclesApi() });
    const { user } = renderApp('/projects/3/cycles');

    await user.click(await screen.findByRole('button', { name: 'New cycle' }));
    let dialog = await screen.findByRole('dialog', { name: 'New test cycle' });
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New test cycle' })).toBeNull());

    await user.click(screen.getByRole('button', { name: 'New cycle' }));
    dialog = await screen.findByRole('dialog', { name: 'New test cycle' });
    const name = within(dialog).getByLabelText(/^Name/);
    await user.type(name, 'Release 2');
    await user.keyboard('{Escape}');
    const question = within(dialog).getByRole('group', { name: 'Discard the new cycle?' });
    expect(within(question).getByRole('button', { name: 'Keep editing' })).toHaveFocus();
    expect(within(dialog).queryByRole('button', { name: 'Add cycle' })).toBeNull();

    await user.click(within(question).getByRole('button', { name: 'Keep editing' }));
    await waitFor(() => expect(name).toHaveFocus());
    expect(name).toHaveValue('Release 2');
    expect(within(dialog).getByRole('button', { name: 'Add cycle' })).toBeInTheDocument();

    await user.keyboard('{Escape}');
    await user.click(within(dialog).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New test cycle' })).toBeNull());
    expect(server.to('POST /api/projects/3/cycles')).toHaveLength(0);
  });

  it('asks before Esc throws away changes to a cycle being edited', async () => {
    fakeApi({ ...loggedIn(), ...cyclesApi() });
    const { user } = renderApp('/projects/3/cycles');

    await user.click(await screen.findByRole('button', { name: 'Edit Sprint 12' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Sprint 12' });
    await user.clear(within(dialog).getByLabelText('Build or version'));
    await user.type(within(dialog).getByLabelText('Build or version'), '1.4.3');
    await user.keyboard('{Escape}');
    expect(within(dialog).getByRole('group', { name: 'Discard your changes to Sprint 12?' })).toBeInTheDocument();
    // Esc again keeps editing.
    await user.keyboard('{Escape}');
    expect(within(dialog).queryByRole('group', { name: 'Discard your changes to Sprint 12?' })).toBeNull();
    expect(within(dialog).getByLabelText('Build or version')).toHaveValue('1.4.3');
  });

  it('copies a cycle for the next build with only the cases not passed', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...cyclesApi({
        'POST /api/cycles/7/copy': { status: 201, body: aCycle({ id: 10, name: 'Sprint 12 (next build)', progress: progressOf({ NOT_RUN: 2 }) }) },
        'GET /api/cycles/10': { body: aCycle({ id: 10, name: 'Sprint 12 (next build)', progress: progressOf({ NOT_RUN: 2 }) }) },
        'GET /api/cycles/10/cases': { body: { items: [], progress: progressOf() } },
        'GET /api/cycles/10/defects': { body: { items: [] } },
      }),
    });
    const { user } = renderApp('/projects/3/cycles');

    await user.click(await screen.findByRole('button', { name: 'Copy Sprint 12 for the next build' }));
    const dialog = await screen.findByRole('dialog', { name: 'Copy Sprint 12 for the next build' });
    expect(within(dialog).getByLabelText(/^Name/)).toHaveValue('Sprint 12 (next build)');
    await user.type(within(dialog).getByLabelText('Build or version'), '1.4.3');
    await user.click(within(dialog).getByRole('radio', { name: 'Only those not passed (2)' }));
    await user.click(within(dialog).getByRole('button', { name: 'Copy cycle' }));

    expect(await screen.findByText('Planned Sprint 12 (next build) with 2 cases of Sprint 12.')).toBeInTheDocument();
    expect(server.to('POST /api/cycles/7/copy')[0]?.body).toMatchObject({ name: 'Sprint 12 (next build)', build: '1.4.3', cases: 'unfinished' });
  });

  it('shows a viewer the cycles without New, Edit or Copy', async () => {
    fakeApi({ ...loggedIn(viewer), ...cyclesApi() });
    renderApp('/projects/3/cycles');

    const table = await screen.findByRole('table', { name: 'Test cycles' });
    expect(within(table).getByRole('link', { name: 'Run Sprint 12' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New cycle' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit Sprint 12' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Copy/ })).toBeNull();
  });

  it('has no Test Cycles tab without the right to see cycles', async () => {
    fakeApi({ ...loggedIn(aSession(['ISSUES_VIEW', 'SUITES_VIEW'])), ...cyclesApi(), 'GET /api/projects/3/suites': { body: { items: [] } } });
    renderApp('/projects/3/suites');

    const sections = await screen.findByRole('navigation', { name: 'Project sections' });
    expect(within(sections).getByRole('link', { name: 'Test suites' })).toBeInTheDocument();
    expect(within(sections).queryByRole('link', { name: 'Test cycles' })).toBeNull();
  });
});
