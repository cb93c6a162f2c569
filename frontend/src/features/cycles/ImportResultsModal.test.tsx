import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCycle, progressOf } from '../../test/cycleFixtures';
import { apiError, fakeApi, type RecordedRequest } from '../../test/fakeApi';
import { aSession, aUser, loggedIn } from '../../test/fixtures';
import { aProject } from '../../test/projectFixtures';
import { renderApp } from '../../test/renderApp';
import type { ResultImport } from './api';

const tester = aSession(['CYCLES_VIEW', 'CYCLES_EXECUTE'], aUser({ id: 5, username: 'tess', displayName: 'Tess Tester' }));
const viewer = aSession(['CYCLES_VIEW'], aUser({ id: 6, username: 'vic', displayName: 'Vic Viewer' }));

const SUREFIRE = `<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="CheckoutTest" tests="2" failures="1"><testcase classname="CheckoutTest" name="paysByCard" time="1.5"><failure message="500"/></testcase><testcase classname="CheckoutTest" name="paysByVoucher" time="0.2"/></testsuite>`;

const IMPORTED: ResultImport = {
  importId: 17,
  cycle: { id: 9, name: 'Nightly 512', build: '512', environment: 'ci', created: true },
  tests: 2,
  newCases: 2,
  statuses: { PASS: 1, FAIL: 1 },
  outcomes: { passed: 1, failed: 1 },
  trends: { NEW_FAILURE: 1 },
  knownDefectsCarried: 0,
  durationMs: 1700,
  files: [{ name: 'TEST-CheckoutTest.xml', format: 'junit', tests: 2 }],
};

function cyclesApi(extra = {}) {
  return {
    'GET /api/projects': { body: { items: [aProject()] } },
    'GET /api/projects/3/cycles': { body: { items: [aCycle()] } },
    'GET /api/cycles/7': { body: aCycle() },
    'GET /api/cycles/7/cases': { body: { items: [], progress: progressOf() } },
    'GET /api/cycles/7/defects': { body: { items: [] } },
    ...extra,
  };
}

describe('Import results', { timeout: 20_000 }, () => {
  it('uploads report files into a new cycle with its build and environment, and says what was imported', async () => {
    let sent: RecordedRequest | undefined;
    fakeApi({
      ...loggedIn(tester),
      ...cyclesApi({
        'POST /api/projects/3/results': (request: RecordedRequest) => {
          sent = request;
          return { status: 201, body: IMPORTED };
        },
      }),
    });
    const { user } = renderApp('/projects/3/cycles');

    await user.click(await screen.findByRole('button', { name: 'Import results' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import automation results' });
    // Both are needed: the files, and (without a cycle) the new cycle's name.
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(within(dialog).getByText('Choose one or more report files')).toBeInTheDocument();
    expect(within(dialog).getByText('Name the new cycle')).toBeInTheDocument();

    await user.upload(dialog.querySelector<HTMLInputElement>('input[type="file"]')!, new File([SUREFIRE], 'TEST-CheckoutTest.xml', { type: 'text/xml' }));
    await user.type(within(dialog).getByRole('textbox', { name: /^New cycle/ }), 'Nightly 512');
    await user.type(within(dialog).getByRole('textbox', { name: 'Build' }), '512');
    await user.type(within(dialog).getByRole('textbox', { name: 'Environment' }), 'ci');
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));

    const done = await within(dialog).findByRole('status');
    expect(done).toHaveTextContent('Imported 2 tests into Nightly 512');
    expect(done).toHaveTextContent('Results: 1 passed, 1 failed');
    expect(done).toHaveTextContent('Against the previous run: 1 new failure');
    expect(done).toHaveTextContent('2 new automated cases in the repository');
    expect(done).toHaveTextContent('TEST-CheckoutTest.xml (junit, 2)');
    expect(within(dialog).getByRole('link', { name: 'Open Nightly 512' })).toHaveAttribute('href', '/projects/3/cycles/9');

    expect(sent?.query.get('cycleName')).toBe('Nightly 512');
    expect(sent?.query.get('build')).toBe('512');
    expect(sent?.query.get('environment')).toBe('ci');
    expect(sent?.query.has('cycleId')).toBe(false);
    expect(sent?.headers.get('Content-Type')).toMatch(/^multipart\/form-data; boundary=testbridge-[0-9a-f]{24}$/);
    const body = String(sent?.body);
    expect(body).toContain('name="files"; filename="TEST-CheckoutTest.xml"');
    expect(body).toContain('<testcase classname="CheckoutTest" name="paysByCard" time="1.5">');
  });

  it('appends to the cycle it is opened from, and shows why nothing was imported', async () => {
    const server = fakeApi({
      ...loggedIn(tester),
      ...cyclesApi({
        'POST /api/projects/3/results': apiError(400, 'invalid', 'TEST-Broken.xml, line 3: the element testcase is not closed; nothing was imported.'),
      }),
    });
    const { user } = renderApp('/projects/3/cycles/7');

    await user.click(await screen.findByRole('button', { name: 'Import results' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import results into Sprint 12' });
    expect(within(dialog).queryByRole('textbox', { name: /^New cycle/ })).not.toBeInTheDocument();
    // The cycle's own build and environment, to change if CI ran another.
    expect(within(dialog).getByRole('textbox', { name: 'Build' })).toHaveValue('1.4.2');
    await user.upload(dialog.querySelector<HTMLInputElement>('input[type="file"]')!, new File(['<testsuite>'], 'TEST-Broken.xml', { type: 'text/xml' }));
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Nothing was imported');
    expect(alert).toHaveTextContent('TEST-Broken.xml, line 3: the element testcase is not closed');
    await waitFor(() => expect(server.to('POST /api/projects/3/results')[0]?.query.get('cycleId')).toBe('7'));
  });

  it('is not offered to someone who cannot execute', async () => {
    fakeApi({ ...loggedIn(viewer), ...cyclesApi() });
    renderApp('/projects/3/cycles');

    await screen.findByRole('table', { name: 'Test cycles' });
    expect(screen.queryByRole('button', { name: 'Import results' })).not.toBeInTheDocument();
  });
});
