import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chooseOption } from '../../../test/chooseOption';
import { aCycle, aCycleCase, aDefect, anAttempt, progressOf } from '../../../test/cycleFixtures';
import { fakeApi } from '../../../test/fakeApi';
import { aSession, aUser, loggedIn } from '../../../test/fixtures';
import { anIssue, aProject, jiraMetadata } from '../../../test/projectFixtures';
import { renderApp } from '../../../test/renderApp';
import type { Attempt } from '../api';

const tester = aSession(['ISSUES_VIEW', 'ISSUES_CREATE', 'CYCLES_VIEW', 'CYCLES_EXECUTE'], aUser({ id: 5, username: 'tess', displayName: 'Tess Tester' }));
const viewer = aSession(['CYCLES_VIEW'], aUser({ id: 6, username: 'vic', displayName: 'Vic Viewer' }));

/** An automated test's failed attempt, as an import records it: no steps, CI's failure instead. */
const FAILED: Attempt = anAttempt({
  key: 'SHOP-TC-9',
  title: 'CheckoutTest.paysByCard',
  status: 'FAIL',
  derivedStatus: 'FAIL',
  steps: [],
  automated: {
    outcome: 'failed',
    durationMs: 1534,
    failureType: 'org.opentest4j.AssertionFailedError',
    failureMessage: 'expected: <201> but was: <500>',
    stackTrace: 'org.opentest4j.AssertionFailedError: expected: <201> but was: <500>\n\tat CheckoutTest.paysByCard(CheckoutTest.java:42)',
    systemOut: 'POST /orders -> 500',
    systemErr: null,
    trend: 'NEW_FAILURE',
    previousExecutionId: 30,
  },
});

function cycleApi(attempt: Attempt, extra = {}) {
  return {
    'GET /api/projects': { body: { items: [aProject()] } },
    'GET /api/cycles/7': { body: aCycle() },
    'GET /api/cycles/7/cases': {
      body: { items: [aCycleCase({ key: 'SHOP-TC-9', title: 'CheckoutTest.paysByCard', status: 'FAIL', outcome: 'failed', durationMs: 1534, trend: 'NEW_FAILURE' })], progress: progressOf({ FAIL: 1 }) },
    },
    'GET /api/cycles/7/cases/31/execution': { body: attempt },
    'GET /api/cycles/7/defects': { body: { items: [] } },
    ...extra,
  };
}

describe('an automated result', { timeout: 20_000 }, () => {
  it('shows what CI reported: outcome, trend, duration, the failure, and the stack trace and output folded', async () => {
    fakeApi({ ...loggedIn(viewer), ...cycleApi(FAILED) });
    const { user } = renderApp('/projects/3/cycles/7/run?case=31');

    const panel = await screen.findByRole('region', { name: 'Automated result' });
    expect(panel).toHaveTextContent('Failed');
    expect(panel).toHaveTextContent('New failure');
    expect(panel).toHaveTextContent('took 1.53 s');
    expect(within(panel).getByRole('region', { name: 'Failure message' })).toHaveTextContent('expected: <201> but was: <500>');
    expect(panel).toHaveTextContent('org.opentest4j.AssertionFailedError');
    // Folded until asked for; a steps grid and its "no steps" note have no place here.
    const stack = within(panel).getByText('Stack trace').closest('details');
    expect(stack).not.toHaveAttribute('open');
    await user.click(within(panel).getByText('Stack trace'));
    expect(stack).toHaveAttribute('open');
    expect(within(panel).getByRole('region', { name: 'Stack trace' })).toHaveTextContent('CheckoutTest.java:42');
    expect(within(panel).getByRole('region', { name: 'Standard output' })).toHaveTextContent('POST /orders -> 500');
    expect(screen.queryByText('This version of the case has no steps.')).not.toBeInTheDocument();
    expect(screen.queryByRole('grid')).not.toBeInTheDocument();
    // Only a tester acts on it.
    expect(within(panel).queryByRole('button', { name: 'Create Jira defect' })).not.toBeInTheDocument();
  });

  it('raises a defect from the failure: the draft without a step, created as the tester, linked to the run', async () => {
    const server = fakeApi({
      ...loggedIn(tester),
      ...cycleApi(FAILED, {
        ...jiraMetadata(),
        'GET /api/cycles/7/executions/41/defect-draft': {
          body: { summary: '[SHOP-TC-9] CheckoutTest.paysByCard failed', description: 'expected: <201> but was: <500>\n\tat CheckoutTest.paysByCard', stepsToReproduce: '', knownDefects: [] },
        },
        'POST /api/projects/3/issues': { status: 201, body: anIssue({ jiraKey: 'TB-9' }) },
        'POST /api/cycles/7/executions/41/defects': { status: 201, body: aDefect({ stepId: null }) },
      }),
    });
    const { user } = renderApp('/projects/3/cycles/7/run?case=31');

    const panel = await screen.findByRole('region', { name: 'Automated result' });
    // CI's status, not one to derive from steps or set by hand; no "Run again" of a test CI runs.
    expect(screen.getByText('reported by CI')).toBeInTheDocument();
    expect(screen.queryByLabelText('Status of the run')).not.toBeInTheDocument();
    expect(screen.queryByText('Elapsed')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Run again' })).not.toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Create Jira defect' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create Jira defect from SHOP-TC-9' });
    expect(within(dialog).getByLabelText(/^Summary/)).toHaveValue('[SHOP-TC-9] CheckoutTest.paysByCard failed');
    expect(within(dialog).getByLabelText(/^Description/)).toHaveValue('expected: <201> but was: <500>\n\tat CheckoutTest.paysByCard');
    await waitFor(() => expect(within(dialog).getByLabelText(/^Issue type/)).toHaveValue('Bug'));
    expect(within(dialog).queryByRole('checkbox', { name: /Attach this step's files/ })).not.toBeInTheDocument();
    await chooseOption(user, within(dialog).getByLabelText(/^Severity/), 'Major');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    expect(await screen.findByText('Linked TB-9 to SHOP-TC-9.')).toBeInTheDocument();
    expect(server.to('GET /api/cycles/7/executions/41/defect-draft')[0]?.query.has('stepId')).toBe(false);
    expect(server.to('POST /api/projects/3/issues')[0]?.body).toMatchObject({ summary: '[SHOP-TC-9] CheckoutTest.paysByCard failed' });
    expect(server.to('POST /api/cycles/7/executions/41/defects')[0]?.body).toEqual({ instanceId: 1, key: 'TB-9' });
  });

  it('offers the known defect of a test that keeps failing before a new one, and links it to this run', async () => {
    const known = aDefect({ id: 77, executionId: 30, stepId: null, key: 'TB-4', summary: 'Card payments answer 500', status: 'In Progress' });
    const server = fakeApi({
      ...loggedIn(tester),
      ...cycleApi({ ...FAILED, automated: { ...FAILED.automated!, trend: 'STILL_FAILING' } }, {
        ...jiraMetadata(),
        'GET /api/cycles/7/executions/41/defect-draft': { body: { summary: 'S', description: 'D', stepsToReproduce: '', knownDefects: [known] } },
        'POST /api/cycles/7/executions/41/defects': { status: 201, body: aDefect({ id: 78, stepId: null, key: 'TB-4' }) },
      }),
    });
    const { user } = renderApp('/projects/3/cycles/7/run?case=31');

    const panel = await screen.findByRole('region', { name: 'Automated result' });
    expect(panel).toHaveTextContent('Still failing');
    await user.click(within(panel).getByRole('button', { name: 'Create Jira defect' }));
    const offer = await screen.findByRole('dialog', { name: 'Known defect of SHOP-TC-9' });
    expect(offer).toHaveTextContent('TB-4 Card payments answer 500');
    expect(offer).toHaveTextContent('In Progress');
    await user.click(within(offer).getByRole('button', { name: 'Link TB-4' }));

    expect(await screen.findByText('Linked TB-4 to SHOP-TC-9.')).toBeInTheDocument();
    expect(server.to('POST /api/cycles/7/executions/41/defects')[0]?.body).toEqual({ instanceId: 1, key: 'TB-4' });
    expect(server.to('POST /api/projects/3/issues')).toHaveLength(0);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Known defect of SHOP-TC-9' })).not.toBeInTheDocument());
  });

  it('offers each known defect as a group, not an alert, and only the one being linked shows it is busy', async () => {
    const cards = aDefect({ id: 77, executionId: 30, stepId: null, key: 'TB-4', summary: 'Card payments answer 500' });
    const vouchers = aDefect({ id: 79, executionId: 30, stepId: null, key: 'TB-5', summary: 'Vouchers are refused' });
    let answer: (value: { status: number; body: unknown }) => void = () => undefined;
    const linked = new Promise<{ status: number; body: unknown }>((resolve) => {
      answer = resolve;
    });
    fakeApi({
      ...loggedIn(tester),
      ...cycleApi({ ...FAILED, automated: { ...FAILED.automated!, trend: 'STILL_FAILING' } }, {
        ...jiraMetadata(),
        'GET /api/cycles/7/executions/41/defect-draft': { body: { summary: 'S', description: 'D', stepsToReproduce: '', knownDefects: [cards, vouchers] } },
        // Jira is slow to answer: the link stays pending until the test lets it through.
        'POST /api/cycles/7/executions/41/defects': () => linked,
      }),
    });
    const { user } = renderApp('/projects/3/cycles/7/run?case=31');

    const panel = await screen.findByRole('region', { name: 'Automated result' });
    await user.click(within(panel).getByRole('button', { name: 'Create Jira defect' }));
    const offer = await screen.findByRole('dialog', { name: 'Known defect of SHOP-TC-9' });
    // Screen readers read the offer with the dialog; nothing in it is announced as an alert.
    expect(within(offer).queryAllByRole('alert')).toHaveLength(0);
    expect(within(offer).getByRole('group', { name: 'TB-4 Card payments answer 500' })).toHaveTextContent('Link TB-4');
    expect(within(offer).getByRole('group', { name: 'TB-5 Vouchers are refused' })).toHaveTextContent('Link TB-5');

    await user.click(within(offer).getByRole('button', { name: 'Link TB-5' }));
    await waitFor(() => expect(within(offer).getByRole('button', { name: 'Link TB-5' })).toHaveAttribute('data-loading'));
    expect(within(offer).getByRole('button', { name: 'Link TB-4' })).not.toHaveAttribute('data-loading');
    expect(within(offer).getByRole('button', { name: 'Link TB-4' })).toBeDisabled();

    answer({ status: 201, body: aDefect({ id: 80, stepId: null, key: 'TB-5' }) });
    expect(await screen.findByText('Linked TB-5 to SHOP-TC-9.')).toBeInTheDocument();
  });

  it('still lets the tester write a new defect when the known one is a different problem', async () => {
    const known = aDefect({ id: 77, stepId: null, key: 'TB-4', summary: 'Card payments answer 500' });
    fakeApi({
      ...loggedIn(tester),
      // Carried by the import: the known defect is on this run already.
      ...cycleApi({ ...FAILED, defects: [{ ...known, known: true, carriedFrom: 70 }] }, {
        ...jiraMetadata(),
        'GET /api/cycles/7/executions/41/defect-draft': { body: { summary: 'New summary', description: 'D', stepsToReproduce: '', knownDefects: [known] } },
      }),
    });
    const { user } = renderApp('/projects/3/cycles/7/run?case=31');

    const panel = await screen.findByRole('region', { name: 'Automated result' });
    // The carried defect is in the run's defects, marked as known.
    expect(within(screen.getByRole('table', { name: 'Defects of this run' })).getByText('known')).toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Create Jira defect' }));
    const offer = await screen.findByRole('dialog', { name: 'Known defect of SHOP-TC-9' });
    expect(offer).toHaveTextContent('Linked to this run');
    expect(within(offer).queryByRole('button', { name: 'Link TB-4' })).not.toBeInTheDocument();
    await user.click(within(offer).getByRole('button', { name: 'Create a new defect anyway' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create Jira defect from SHOP-TC-9' });
    expect(within(dialog).getByLabelText(/^Summary/)).toHaveValue('New summary');
  });

  it('shows the trend and duration in the cycle\'s cases', async () => {
    fakeApi({ ...loggedIn(viewer), ...cycleApi(FAILED) });
    renderApp('/projects/3/cycles/7');

    const table = await screen.findByRole('table', { name: 'Cases of the cycle' });
    expect(within(table).getByRole('columnheader', { name: 'Automated' })).toBeInTheDocument();
    const row = within(table).getByRole('row', { name: /SHOP-TC-9/ });
    expect(row).toHaveTextContent('New failure');
    expect(row).toHaveTextContent('1.53 s');
  });
});
