import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseOption } from '../../../test/chooseOption';
import {
  aCycle,
  aCycleCase,
  aDefect,
  anAttempt,
  anAttemptStatus,
  aStep,
  progressOf,
} from '../../../test/cycleFixtures';
import { apiError, fakeApi, type RecordedRequest } from '../../../test/fakeApi';
import { aSession, aUser, loggedIn } from '../../../test/fixtures';
import { anIssue, aProject, jiraMetadata } from '../../../test/projectFixtures';
import { renderApp } from '../../../test/renderApp';
import type { Attempt, StepResult } from '../api';
import { NARROW_SCREEN } from './ExecutionPage';

const TESTER = aUser({ id: 5, username: 'tess', displayName: 'Tess Tester', roles: [{ id: 2, name: 'Tester' }] });
const tester = aSession(['ISSUES_VIEW', 'ISSUES_CREATE', 'SUITES_VIEW', 'CYCLES_VIEW', 'CYCLES_EXECUTE'], TESTER);
const viewer = aSession(['CYCLES_VIEW'], aUser({ id: 6, username: 'vic', displayName: 'Vic Viewer' }));

const VOUCHER = anAttempt({ id: 42, cycleCaseId: 32, caseId: 102, key: 'SHOP-TC-2', title: 'Pay by voucher', steps: [aStep(1)] });

/** The answer of PUT …/steps/{stepId}: the attempt's status as the steps now say. */
function recorded(request: RecordedRequest) {
  const { status } = request.body as StepResult;
  return { body: anAttemptStatus(status === 'NOT_RUN' ? 'IN_PROGRESS' : status === 'PASS' ? 'IN_PROGRESS' : status) };
}

/** A fake server that keeps the step results it was sent, as the real one does. */
function runApi(attempt: Attempt = anAttempt(), extra = {}) {
  let current = attempt;
  const record = (request: RecordedRequest) => {
    const stepId = request.path.split('/').pop();
    current = { ...current, steps: current.steps.map((step) => (step.id === stepId ? { ...step, ...(request.body as StepResult) } : step)) };
    return recorded(request);
  };
  return {
    'GET /api/projects': { body: { items: [aProject()] } },
    'GET /api/cycles/7': { body: aCycle() },
    'GET /api/cycles/7/cases': {
      body: {
        items: [aCycleCase({ assignee: { id: 5, name: 'Tess Tester' } }), aCycleCase({ id: 32, caseId: 102, key: 'SHOP-TC-2', title: 'Pay by voucher' })],
        progress: progressOf({ NOT_RUN: 2 }),
      },
    },
    'GET /api/cycles/7/cases/31/execution': () => ({ body: current }),
    'GET /api/cycles/7/cases/32/execution': { body: VOUCHER },
    'PUT /api/cycles/7/executions/41/steps/00000000-0000-4000-8000-000000000001': record,
    'PUT /api/cycles/7/executions/41/steps/00000000-0000-4000-8000-000000000002': record,
    'PUT /api/cycles/7/executions/41/steps/00000000-0000-4000-8000-000000000003': record,
    ...extra,
  };
}

const stepRow = (number: number) => screen.getByRole('row', { name: new RegExp(`^Step ${number}:`) });
const saveStatus = () => screen.getByTestId('save-status');
const puts = (server: ReturnType<typeof fakeApi>) => server.requests.filter((request) => request.method === 'PUT').map((request) => [request.path.slice(-1), request.body]);

describe('the execution screen', { timeout: 20_000 }, () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  it('runs the steps from the keyboard: the arrows move, P passes and moves on, F fails, Enter types the actual result, Esc comes back', async () => {
    const server = fakeApi({ ...loggedIn(tester), ...runApi() });
    const { user } = renderApp('/projects/3/cycles/7/run?case=31');

    expect(await screen.findByRole('grid', { name: 'Steps of SHOP-TC-1' })).toBeInTheDocument();
    await waitFor(() => expect(stepRow(1)).toHaveFocus());

    await user.keyboard('p');
    expect(within(stepRow(1)).getByRole('button', { name: 'Pass' })).toHaveAttribute('aria-pressed', 'true');
    expect(stepRow(2)).toHaveFocus();
    await user.keyboard('f');
    expect(stepRow(2)).toHaveAccessibleName('Step 2: Fail');
    expect(stepRow(2)).toHaveFocus();

    await user.keyboard('{ArrowDown}{Enter}');
    const actual = within(stepRow(3)).getByRole('textbox', { name: 'Actual result of step 3' });
    expect(actual).toHaveFocus();
    // Letters typed here are text, never shortcuts.
    await user.keyboard('p and f');
    expect(actual).toHaveValue('p and f');
    expect(stepRow(3)).toHaveAccessibleName('Step 3: Not run');
    await user.keyboard('{Escape}');
    expect(stepRow(3)).toHaveFocus();
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(stepRow(1)).toHaveFocus();

    await waitFor(() => expect(saveStatus()).toHaveTextContent('All changes saved'));
    expect(puts(server)).toEqual([
      ['1', { status: 'PASS', actual: '', comment: '' }],
      ['2', { status: 'FAIL', actual: '', comment: '' }],
      ['3', { status: 'NOT_RUN', actual: 'p and f', comment: '' }],
    ]);
  });

  it('goes to the next case with J and back with K, and shows the shortcuts with ?', async () => {
    fakeApi({ ...loggedIn(tester), ...runApi() });
    const { user, router } = renderApp('/projects/3/cycles/7/run?case=31');

    await screen.findByRole('grid', { name: 'Steps of SHOP-TC-1' });
    await waitFor(() => expect(stepRow(1)).toHaveFocus());
    await user.keyboard('j');
    expect(await screen.findByRole('grid', { name: 'Steps of SHOP-TC-2' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?case=32');
    expect(screen.getByRole('link', { name: /SHOP-TC-2/ })).toHaveAttribute('aria-current', 'page');
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(await screen.findByRole('grid', { name: 'Steps of SHOP-TC-1' })).toBeInTheDocument();

    await user.keyboard('?');
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(help).getByRole('table', { name: 'Keyboard shortcuts' })).toHaveTextContent('Pass the step, then go to the next one');
  });

  it('on a narrow screen shows the steps first, and the cases in a drawer that closes once one is picked', async () => {
    const matchMedia = window.matchMedia.bind(window);
    vi.spyOn(window, 'matchMedia').mockImplementation((query: string) => ({ ...matchMedia(query), matches: query === NARROW_SCREEN }));
    fakeApi({ ...loggedIn(tester), ...runApi() });
    const { user, router } = renderApp('/projects/3/cycles/7/run?case=31');

    expect(await screen.findByRole('grid', { name: 'Steps of SHOP-TC-1' })).toBeInTheDocument();
    await waitFor(() => expect(stepRow(1)).toHaveFocus());
    // Nothing before the steps but the header: the case list waits behind its button.
    expect(screen.queryByRole('navigation', { name: 'Cases of the cycle' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Cases (2)' }));
    const drawer = await screen.findByRole('dialog', { name: 'Cases of Sprint 12' });
    expect(within(drawer).getByRole('link', { name: /SHOP-TC-1/ })).toHaveAttribute('aria-current', 'page');
    await user.click(within(drawer).getByRole('link', { name: /SHOP-TC-2/ }));

    expect(await screen.findByRole('grid', { name: 'Steps of SHOP-TC-2' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?case=32');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Cases of Sprint 12' })).toBeNull());
  });

  it('"Mine" keeps the cases assigned to me in the list', async () => {
    fakeApi({ ...loggedIn(tester), ...runApi() });
    const { user } = renderApp('/projects/3/cycles/7/run?case=31');

    const list = await screen.findByRole('navigation', { name: 'Cases of the cycle' });
    expect(within(list).getAllByRole('link')).toHaveLength(2);
    await user.click(screen.getByRole('radio', { name: 'Mine' }));
    expect(within(list).getAllByRole('link').map((link) => link.textContent)).toEqual([expect.stringContaining('SHOP-TC-1')]);
    expect(screen.getByText('1 of 2 cases')).toBeInTheDocument();
  });

  it('shows "Not saved — retrying" while the server cannot be reached, and saves with Retry now once it can', async () => {
    let online = false;
    const server = fakeApi({
      ...loggedIn(tester),
      ...runApi(anAttempt(), {
        'PUT /api/cycles/7/executions/41/steps/00000000-0000-4000-8000-000000000001': (request: RecordedRequest) => {
          if (!online) throw new TypeError('Failed to fetch');
          return recorded(request);
        },
      }),
    });
    const { user } = renderApp('/projects/3/cycles/7/run?case=31');

    await screen.findByRole('grid', { name: 'Steps of SHOP-TC-1' });
    await waitFor(() => expect(stepRow(1)).toHaveFocus());
    await user.keyboard('p');
    await waitFor(() => expect(saveStatus()).toHaveTextContent('Not saved — retrying'));
    expect(within(stepRow(1)).getByText('Not saved — retrying')).toBeInTheDocument();
    // Shown as chosen all the same, and kept for a reload.
    expect(stepRow(1)).toHaveAccessibleName('Step 1: Pass');
    expect(Object.keys({ ...localStorage })).toEqual([`testbridge.unsaved-step-results:5:41:${aStep(1).id}`]);

    online = true;
    await user.click(screen.getByRole('button', { name: 'Retry now' }));
    await waitFor(() => expect(saveStatus()).toHaveTextContent('All changes saved'));
    expect(within(stepRow(1)).getByText('Saved')).toBeInTheDocument();
    expect(localStorage.length).toBe(0);
    expect(server.to(`PUT /api/cycles/7/executions/41/steps/${aStep(1).id}`)).toHaveLength(2);
  });

  it('asks before leaving with results not saved, and goes on by itself once they are saved', async () => {
    let online = false;
    fakeApi({
      ...loggedIn(tester),
      ...runApi(anAttempt(), {
        'PUT /api/cycles/7/executions/41/steps/00000000-0000-4000-8000-000000000001': (request: RecordedRequest) => {
          if (!online) throw new TypeError('Failed to fetch');
          return recorded(request);
        },
        'GET /api/cycles/7/defects': { body: { items: [] } },
        'GET /api/people': { body: { items: [] } },
      }),
    });
    const { user, router } = renderApp('/projects/3/cycles/7/run?case=31');

    await screen.findByRole('grid', { name: 'Steps of SHOP-TC-1' });
    await waitFor(() => expect(stepRow(1)).toHaveFocus());
    await user.keyboard('p');
    await waitFor(() => expect(saveStatus()).toHaveTextContent('Not saved — retrying'));
    await user.click(screen.getByRole('link', { name: '← Sprint 12' }));
    expect(await screen.findByRole('dialog', { name: 'Results not saved yet' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/projects/3/cycles/7/run');

    // Back online: the result is saved, nothing is pending, and the way out the tester chose goes on.
    online = true;
    window.dispatchEvent(new Event('online'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/projects/3/cycles/7'));
    expect(screen.queryByRole('dialog', { name: 'Results not saved yet' })).toBeNull();
  });

  it('sends after a reload what was typed but never reached the server', async () => {
    fakeApi({
      ...loggedIn(tester),
      ...runApi(anAttempt(), {
        'PUT /api/cycles/7/executions/41/steps/00000000-0000-4000-8000-000000000002': () => {
          throw new TypeError('Failed to fetch');
        },
      }),
    });
    const first = renderApp('/projects/3/cycles/7/run?case=31');
    await first.user.click(await screen.findByRole('textbox', { name: 'Comment on step 2' }));
    await first.user.keyboard('Checked twice');
    await waitFor(() => expect(saveStatus()).toHaveTextContent('Not saved'));
    first.unmount(); // the tab is closed (or reloaded) while offline

    const server = fakeApi({ ...loggedIn(tester), ...runApi() });
    renderApp('/projects/3/cycles/7/run?case=31');
    expect(await screen.findByRole('textbox', { name: 'Comment on step 2' })).toHaveValue('Checked twice');
    await waitFor(() => expect(saveStatus()).toHaveTextContent('All changes saved'));
    expect(puts(server)).toEqual([['2', { status: 'NOT_RUN', actual: '', comment: 'Checked twice' }]]);
    expect(localStorage.length).toBe(0);
  });

  it('shows a refusal with the server\'s message and does not send it again by itself', async () => {
    const server = fakeApi({
      ...loggedIn(tester),
      ...runApi(anAttempt(), {
        'PUT /api/cycles/7/executions/41/steps/00000000-0000-4000-8000-000000000001': apiError(409, 'conflict', 'A newer attempt at this case exists; record results there.'),
      }),
    });
    const { user } = renderApp('/projects/3/cycles/7/run?case=31');

    await screen.findByRole('grid', { name: 'Steps of SHOP-TC-1' });
    await waitFor(() => expect(stepRow(1)).toHaveFocus());
    await user.keyboard('b');
    await waitFor(() => expect(saveStatus()).toHaveTextContent('Not saved: A newer attempt at this case exists; record results there.'));
    await user.click(within(stepRow(1)).getByRole('button', { name: 'Discard the unsaved change of step 1' }));
    expect(stepRow(1)).toHaveAccessibleName('Step 1: Not run');
    expect(server.to(`PUT /api/cycles/7/executions/41/steps/${aStep(1).id}`)).toHaveLength(1);
  });

  it('raises a Jira defect from a failed step, prefilled from the run, links it to the step and attaches the step\'s files in Jira', async () => {
    const pay = aStep(3, {
      status: 'FAIL',
      actual: 'Error 500',
      attachments: [{ id: 71, stepId: aStep(3).id, filename: 'pay.log', contentType: 'text/plain', size: 20, image: false, url: '/api/attachments/71' }],
    });
    const attempt = anAttempt({ status: 'FAIL', derivedStatus: 'FAIL', steps: [aStep(1, { status: 'PASS' }), aStep(2, { status: 'PASS' }), pay] });
    const server = fakeApi({
      ...loggedIn(tester),
      ...runApi(attempt, {
        ...jiraMetadata(),
        'GET /api/cycles/7/executions/41/defect-draft': {
          body: { summary: '[SHOP-TC-1] Pay by card – step 3 failed', description: 'Steps to reproduce:\n3. Action 3 ← fails here\n\nActual result:\nError 500', knownDefects: [] },
        },
        'POST /api/projects/3/issues': { status: 201, body: anIssue({ jiraKey: 'TB-9' }) },
        'POST /api/cycles/7/executions/41/defects': { status: 201, body: aDefect({ linkedBack: true }) },
        'POST /api/cycles/7/defects/61/evidence': { body: { sent: ['pay.log'], evidenceInJira: 1 } },
      }),
    });
    const { user } = renderApp('/projects/3/cycles/7/run?case=31');

    await screen.findByRole('grid', { name: 'Steps of SHOP-TC-1' });
    await waitFor(() => expect(stepRow(1)).toHaveFocus());
    await user.keyboard('{End}d');
    // A file that is not an image: its name (a download) and size.
    expect(within(stepRow(3)).getByRole('link', { name: 'pay.log' })).toHaveAttribute('download', 'pay.log');
    expect(within(stepRow(3)).getByRole('listitem')).toHaveTextContent('pay.log (20 bytes)');
    const dialog = await screen.findByRole('dialog', { name: 'Create Jira defect from step 3' });
    expect(within(dialog).getByLabelText(/^Summary/)).toHaveValue('[SHOP-TC-1] Pay by card – step 3 failed');
    expect(within(dialog).getByLabelText(/^Description/)).toHaveValue('Steps to reproduce:\n3. Action 3 ← fails here\n\nActual result:\nError 500');
    expect(await within(dialog).findByDisplayValue('Testbridge Demo (TB)')).toBeInTheDocument();
    expect(within(dialog).getByRole('checkbox', { name: "Attach this step's files in Jira (pay.log)" })).toBeChecked();
    // A Bug, and its "Found in build" is the cycle's build.
    await waitFor(() => expect(within(dialog).getByLabelText(/^Issue type/)).toHaveValue('Bug'));
    expect(await within(dialog).findByLabelText(/^Found in build/)).toHaveValue('1.4.2');
    await chooseOption(user, within(dialog).getByLabelText(/^Severity/), 'Major');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    expect(await screen.findByText('Linked TB-9 to step 3 of SHOP-TC-1. Attached pay.log in Jira.')).toBeInTheDocument();
    expect(server.to('GET /api/cycles/7/executions/41/defect-draft')[0]?.query.get('stepId')).toBe(pay.id);
    expect(server.to('POST /api/projects/3/issues')[0]?.body).toMatchObject({
      instanceId: 1,
      jiraProject: 'TB',
      issueTypeId: '10002',
      summary: '[SHOP-TC-1] Pay by card – step 3 failed',
      fields: { customfield_10010: '10101', customfield_10011: '1.4.2' },
    });
    expect(server.to('POST /api/cycles/7/executions/41/defects')[0]?.body).toEqual({ instanceId: 1, key: 'TB-9', stepId: pay.id });
    expect(server.to('POST /api/cycles/7/defects/61/evidence')).toHaveLength(1);
  });

  it('attaches a pasted screenshot, and shows the server\'s message for a file over the limit', async () => {
    let uploaded = false;
    const server = fakeApi({
      ...loggedIn(tester),
      ...runApi(anAttempt(), {
        'GET /api/cycles/7/cases/31/execution': () => ({
          body: uploaded
            ? anAttempt({
                steps: [
                  aStep(1, { attachments: [{ id: 72, stepId: aStep(1).id, filename: 'screenshot-step-1-1.png', contentType: 'image/png', size: 2048, image: true, url: '/api/attachments/72' }] }),
                  aStep(2),
                  aStep(3),
                ],
              })
            : anAttempt(),
        }),
        [`POST /api/cycles/7/executions/41/steps/${aStep(1).id}/attachments`]: (request: RecordedRequest) => {
          if (request.query.get('filename') === 'big.log') return apiError(413, 'too_large', 'The file is larger than the limit of 1 MB.');
          uploaded = true;
          return { status: 201, body: { id: 72 } };
        },
      }),
    });
    const { user } = renderApp('/projects/3/cycles/7/run?case=31');

    await screen.findByRole('grid', { name: 'Steps of SHOP-TC-1' });
    const screenshot = new File(['png bytes'], 'image.png', { type: 'image/png' });
    fireEvent.paste(stepRow(1), { clipboardData: { files: [screenshot], types: ['Files'] } });
    expect(await within(stepRow(1)).findByRole('img', { name: 'screenshot-step-1-1.png' })).toHaveAttribute('src', '/api/attachments/72');
    expect(server.to(`POST /api/cycles/7/executions/41/steps/${aStep(1).id}/attachments`)[0]?.body).toBe('png bytes');
    // The thumbnail opens a preview (not a download), with the file's name, size and a download.
    await user.click(within(stepRow(1)).getByRole('button', { name: 'Preview screenshot-step-1-1.png, 2 KB' }));
    const preview = await screen.findByRole('dialog', { name: 'screenshot-step-1-1.png' });
    expect(within(preview).getByRole('img', { name: 'screenshot-step-1-1.png' })).toHaveAttribute('src', '/api/attachments/72');
    expect(preview).toHaveTextContent('2 KB');
    const download = within(preview).getByRole('link', { name: 'Download' });
    expect(download).toHaveAttribute('href', '/api/attachments/72');
    expect(download).toHaveAttribute('download', 'screenshot-step-1-1.png');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'screenshot-step-1-1.png' })).toBeNull());

    const input = stepRow(1).querySelector<HTMLInputElement>('input[type="file"]')!;
    await user.upload(input, new File(['x'.repeat(10)], 'big.log', { type: 'text/plain' }));
    const refusal = await within(stepRow(1)).findByRole('alert');
    expect(refusal).toHaveTextContent('big.log: The file is larger than the limit of 1 MB.');
  });

  it('runs the version the case had when added, and offers the newest', async () => {
    const newest = anAttempt({ version: 2, latestVersion: 2, steps: [aStep(1, { action: 'Enter the card' })] });
    let pulled = false;
    const server = fakeApi({
      ...loggedIn(tester),
      ...runApi(anAttempt({ latestVersion: 2 }), {
        'GET /api/cycles/7/cases/31/execution': () => ({ body: pulled ? newest : anAttempt({ latestVersion: 2 }) }),
        'POST /api/cycles/7/cases/31/latest-version': () => {
          pulled = true;
          return { body: newest };
        },
      }),
    });
    const { user } = renderApp('/projects/3/cycles/7/run?case=31');

    expect(await screen.findByText('Version 1')).toBeInTheDocument();
    // A note that comes with the case, not an alert announced on every J and K.
    const note = screen.getByRole('note', { name: 'A newer version of this case exists' });
    expect(note).toHaveTextContent(/This run follows version 1, as the case was when it was added; version 2 is the newest./);
    expect(screen.queryByRole('alert', { name: 'A newer version of this case exists' })).toBeNull();
    await user.click(within(note).getByRole('button', { name: 'Run the latest (version 2)' }));
    const confirm = await screen.findByRole('dialog', { name: 'Run version 2 of SHOP-TC-1?' });
    expect(confirm).toHaveTextContent('Nothing is recorded in attempt 1 yet: it switches to version 2 and runs its steps.');
    expect(server.to('POST /api/cycles/7/cases/31/latest-version')).toHaveLength(0);
    await user.click(within(confirm).getByRole('button', { name: 'Run version 2' }));
    expect(await screen.findByText('Version 2')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Run version 2 of SHOP-TC-1?' })).toBeNull());
    expect(within(stepRow(1)).getByText('Enter the card')).toBeInTheDocument();
    expect(server.to('POST /api/cycles/7/cases/31/latest-version')).toHaveLength(1);
  });

  it('offers Run again only once the attempt has a result, and says so before anything ran', async () => {
    const second = anAttempt({
      id: 43,
      attempt: 2,
      attempts: [
        { id: 41, attempt: 1, version: 1, status: 'PASS', startedAt: '2026-12-01T10:00:00Z', finishedAt: '2026-12-01T10:05:00Z' },
        { id: 43, attempt: 2, version: 1, status: 'NOT_RUN', startedAt: null, finishedAt: null },
      ],
    });
    const api = runApi();
    let rerun = false;
    const server = fakeApi({
      ...loggedIn(tester),
      ...api,
      'GET /api/cycles/7/cases/31/execution': () => (rerun ? { body: second } : api['GET /api/cycles/7/cases/31/execution']()),
      'POST /api/cycles/7/cases/31/attempts': () => {
        rerun = true;
        return { status: 201, body: second };
      },
    });
    const { user } = renderApp('/projects/3/cycles/7/run?case=31');

    await screen.findByRole('grid', { name: 'Steps of SHOP-TC-1' });
    await waitFor(() => expect(stepRow(1)).toHaveFocus());
    expect(screen.getByText('Attempt 1')).toBeInTheDocument();
    expect(screen.getByText('nothing recorded yet')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Run again' })).toBeNull();

    await user.keyboard('p');
    expect(screen.getByText('from the steps')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Run again' }));
    expect(await screen.findByText('Attempt 2 of SHOP-TC-1 started; the earlier ones are kept.')).toBeInTheDocument();
    expect(screen.getByText('Attempt 2 of 2')).toBeInTheDocument();
    expect(server.to('POST /api/cycles/7/cases/31/attempts')).toHaveLength(1);
  });

  it('says, before taking the newest version, that an attempt with results stays and a new one starts', async () => {
    const server = fakeApi({ ...loggedIn(tester), ...runApi(anAttempt({ latestVersion: 2, steps: [aStep(1, { status: 'PASS' }), aStep(2)] })) });
    const { user } = renderApp('/projects/3/cycles/7/run?case=31');

    await user.click(await screen.findByRole('button', { name: 'Run the latest (version 2)' }));
    const confirm = await screen.findByRole('dialog', { name: 'Run version 2 of SHOP-TC-1?' });
    expect(confirm).toHaveTextContent(
      'Attempt 1 has results, so it stays as it ran, at version 1, like any earlier attempts. A new attempt 2 starts at version 2.',
    );
    expect(within(confirm).getByRole('button', { name: 'Start attempt 2' })).toBeInTheDocument();
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Run version 2 of SHOP-TC-1?' })).toBeNull());
    expect(server.to('POST /api/cycles/7/cases/31/latest-version')).toHaveLength(0);
  });

  it('shows a viewer the run without letting them change it', async () => {
    const server = fakeApi({ ...loggedIn(viewer), ...runApi(anAttempt({ steps: [aStep(1, { status: 'PASS', actual: 'Fine' }), aStep(2)] })) });
    const { user } = renderApp('/projects/3/cycles/7/run?case=31');

    await screen.findByRole('grid', { name: 'Steps of SHOP-TC-1' });
    await waitFor(() => expect(stepRow(2)).toHaveFocus());
    await user.keyboard('p');
    expect(stepRow(2)).toHaveAccessibleName('Step 2: Not run');
    expect(within(stepRow(1)).getByRole('textbox', { name: 'Actual result of step 1' })).toHaveAttribute('readonly');
    expect(within(stepRow(2)).getByRole('button', { name: 'Pass' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Run again' })).toBeNull();
    expect(server.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });
});
