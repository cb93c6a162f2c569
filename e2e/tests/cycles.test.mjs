import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { expectAccessible } from '../harness/accessibility.mjs';
import { connectInstanceThroughApi, copyVerificationCode, decideConsent, grantClipboard } from '../harness/jiraConsent.mjs';
import { expectFocus, tabTo } from '../harness/keyboard.mjs';
import { readmeScreenshot } from '../harness/readmeScreenshots.mjs';
import { browserSuite } from '../harness/suite.mjs';
import { ADMIN, addUser, apiClient, ensureAdministrator, logInThroughApi } from '../harness/testbridgeApi.mjs';

// Issue 25, acceptance 1: a lead builds a cycle from a suite and assigns a tester (in the browser);
// the tester executes with the keyboard alone, fails step 3 and raises a defect: the first Jira
// action asks to authenticate with Jira, then goes on. The Jira issue's description holds the steps
// and expected vs actual, Jira has a remote link to the execution (and that URL opens it), and the
// defect shows in the execution with its Jira status.
// Acceptance 2: a case edited after it ran still shows, in its run, the version it ran.
// Acceptance 4 (the browser's side): a file over the limit shows the server's 413 message; while
// the network is down the page says "Not saved" and saves once it is back; a result not saved when
// the page is reloaded is sent by the reloaded page.
// And the execution screen fits a phone (390×844): no sideways scroll, the steps first.

const { browserTest, testbridge, jira } = browserSuite({ withJiraSimulator: true, testbridgeEnv: { TESTBRIDGE_ATTACHMENT_MAX_MB: '1' } });

const TESS = { username: 'tess', displayName: 'Tess Tester', email: 'tess@example.test', password: 'tester password 123' };
const CYCLE = 'Release 1.4';

// Set up once, by the first test that needs it (top-level before() hooks run concurrently with
// the harness's own, which starts the servers).
let settingUp;
function world() {
  settingUp ??= setUp();
  return settingUp;
}

const step = (action, expected, data = '') => ({ id: randomUUID(), action, data, expected });

async function setUp() {
  const baseURL = testbridge().url;
  await ensureAdministrator(baseURL);
  const admin = await apiClient(baseURL, ADMIN);
  try {
    const [cloud] = await Promise.all([
      admin.post('/api/integrations', { name: 'Acme Cloud', baseUrl: `${jira().url}/cloud/sites/acme`, deployment: 'CLOUD' }),
      addUser(admin, TESS, 'Tester'),
    ]);
    await connectInstanceThroughApi(admin, cloud.id, { clientId: 'tb-demo-cloud-app', clientSecret: 'tb-demo-cloud-secret', user: 'alice', site: 'acme' });
    const project = await admin.post('/api/projects', { key: 'SHOP', name: 'Web shop', defaultInstanceId: cloud.id, defaultJiraProject: 'TB' });
    const checkout = await admin.post(`/api/projects/${project.id}/cases`, {
      title: 'Checkout',
      precondition: 'Logged in as a customer with two items in the cart',
      steps: [
        step('Open the cart', 'The cart lists both items'),
        step('Enter the address', 'The address is accepted'),
        step('Pay', 'The order is confirmed', 'card 4111 1111 1111 1111'),
      ],
    });
    const logOut = await admin.post(`/api/projects/${project.id}/cases`, { title: 'Log out', steps: [step('Click Log out', 'The home page shows')] });
    const suite = await admin.post(`/api/projects/${project.id}/suites`, { name: 'Smoke', description: 'Before every release' });
    await admin.post(`/api/suites/${suite.id}/members`, { caseIds: [checkout.id, logOut.id] });
    return { cloud, project, checkout, logOut };
  } finally {
    await admin.dispose();
  }
}

/** Opens a Mantine select by its label and picks an option (the options live in a portal). */
async function choose(page, scope, label, option) {
  await scope.getByLabel(label, { exact: false }).first().click();
  await page.getByRole('option', { name: option }).click();
}

/**
 * Picks an option of a focused Mantine select with the keyboard alone. A list that re-renders while
 * it is open (the dialog's data arriving) loses its highlighted option, as it would for a person,
 * who then simply presses the arrow again: so do up to three rounds.
 */
async function chooseWithKeys(page, input, option) {
  const wanted = page.getByRole('option', { name: option, exact: true });
  for (let round = 0; round < 3 && (await input.inputValue()) !== option; round++) {
    await page.keyboard.press('ArrowDown'); // opens the list
    await wanted.waitFor();
    for (let presses = 0; presses < 8 && (await wanted.getAttribute('data-combobox-selected')) !== 'true'; presses++) {
      await page.keyboard.press('ArrowDown');
    }
    if ((await wanted.getAttribute('data-combobox-selected')) === 'true') await page.keyboard.press('Enter');
  }
  assert.equal(await input.inputValue(), option);
}

/** The cycle the lead planned, and its cases, read through the API as `page`'s user. */
async function plannedCycle(page, projectId) {
  const cycles = (await (await page.request.get(`/api/projects/${projectId}/cycles`)).json()).items;
  const cycle = cycles.find((candidate) => candidate.name === CYCLE);
  assert.ok(cycle, 'the first test planned the cycle');
  const cases = (await (await page.request.get(`/api/cycles/${cycle.id}/cases`)).json()).items;
  return { cycle, cases };
}

async function attemptOf(page, cycleId, cycleCaseId) {
  const response = await page.request.get(`/api/cycles/${cycleId}/cases/${cycleCaseId}/execution`);
  assert.equal(response.status(), 200);
  return response.json();
}

function stepsGrid(page, caseKey) {
  const grid = page.getByRole('grid', { name: `Steps of ${caseKey}` });
  return { grid, step: (number) => grid.getByRole('row', { name: new RegExp(`^Step ${number}:`) }) };
}

const saveStatus = (page, text) => page.getByTestId('save-status').filter({ hasText: text });

browserTest('a lead builds a cycle from a suite and assigns a case to a tester', async ({ page }) => {
  const { checkout, logOut } = await world();
  await logInThroughApi(page.request, ADMIN);
  await page.goto('/projects');
  await page.getByRole('table', { name: 'Projects' }).getByRole('link', { name: 'Test cycles of SHOP' }).click();
  // The project's sections are links; the current one is marked aria-current="page".
  await page.getByRole('navigation', { name: 'Project sections' }).locator('a[aria-current="page"]', { hasText: 'Test cycles' }).waitFor();

  await page.getByRole('button', { name: 'New cycle' }).click();
  const form = page.getByRole('dialog', { name: 'New test cycle' });
  await form.getByLabel(/^Name/).fill(CYCLE);
  await form.getByLabel('Build or version').fill('1.4.2');
  await form.getByLabel('Environment').fill('staging');
  await form.getByLabel('Planned start').fill('2026-12-01');
  await form.getByLabel('Planned end').fill('2026-12-05');
  await expectAccessible(page, 'the New test cycle dialog');
  await form.getByRole('button', { name: 'Add cycle' }).click();
  await page.getByRole('heading', { name: CYCLE, level: 2 }).waitFor();

  await page.getByRole('button', { name: 'Add cases' }).click();
  const adding = page.getByRole('dialog', { name: `Add cases to ${CYCLE}` });
  await choose(page, adding, 'Test suite', 'Smoke (2 cases)');
  await expectAccessible(page, 'the Add cases dialog');
  await adding.getByRole('button', { name: 'Add the 2 cases of Smoke' }).click();
  await adding.waitFor({ state: 'hidden' });

  const cases = page.getByRole('table', { name: 'Cases of the cycle' });
  await cases.getByRole('row').filter({ hasText: logOut.key }).waitFor();
  await cases.getByRole('checkbox', { name: `Select ${checkout.key}` }).check();
  await choose(page, page, 'Assign to', 'Tess Tester (tess)');
  await page.getByRole('button', { name: 'Assign', exact: true }).click();
  const checkoutRow = cases.getByRole('row').filter({ hasText: checkout.key });
  await checkoutRow.getByText('Tess Tester').waitFor();
  // Attempts: none yet ("–") while nothing is recorded; the key opens the case in the repository.
  assert.match(await checkoutRow.textContent(), /Checkout1Tess TesterNot run–none yet/);
  assert.match(await checkoutRow.getByRole('link', { name: checkout.key, exact: true }).getAttribute('href'), new RegExp(`/cases/${checkout.id}$`));
  await page.getByRole('img', { name: `Progress of ${CYCLE}: 0 of 2 run: 2 not run` }).waitFor();
  await readmeScreenshot(page, 'test-cycle');

  await page.getByRole('link', { name: '← All test cycles' }).click();
  const row = page.getByRole('table', { name: 'Test cycles' }).getByRole('row').filter({ hasText: CYCLE });
  // Planned dates read as every date does, in the browser's locale ("Dec 1, 2026 – Dec 5, 2026").
  const planned = await page.evaluate(() => {
    const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
    return `${day.format(new Date(2026, 11, 1))} – ${day.format(new Date(2026, 11, 5))}`;
  });
  await row.getByText(planned).waitFor();
  await expectAccessible(page, 'the Test Cycles tab');
});

browserTest('the tester runs the case with the keyboard alone, fails step 3 and raises a Jira defect from it, authenticating on the way', async ({
  page,
  context,
  allowConsoleError,
}) => {
  // jira_auth_required: the 401 that opens "Authenticate with Jira".
  allowConsoleError(/status of 401/);
  await grantClipboard(context, testbridge().url);
  const { project, checkout } = await world();
  await logInThroughApi(page.request, TESS);
  const { cycle, cases } = await plannedCycle(page, project.id);
  const inCycle = cases.find((item) => item.caseId === checkout.id);

  // The tester's workplace opens at the first case assigned to them, focus on its first step.
  await page.goto(`/projects/${project.id}/cycles/${cycle.id}/run`);
  const { grid, step } = stepsGrid(page, checkout.key);
  await grid.waitFor();
  await page.waitForURL(new RegExp(`/run\\?case=${inCycle.id}$`));
  await expectFocus(step(1), 'step 1');
  await page.keyboard.press('p');
  await expectFocus(step(2), 'step 2, after passing step 1');
  await page.keyboard.press('p');
  await expectFocus(step(3), 'step 3, after passing step 2');
  await page.keyboard.press('f');
  await grid.getByRole('row', { name: 'Step 3: Fail' }).waitFor();
  await page.keyboard.press('Enter');
  await expectFocus(step(3).getByRole('textbox', { name: 'Actual result of step 3' }), 'the actual result of step 3');
  // Letters typed here are text: "p" and "f" do not touch the status.
  await page.keyboard.type('The payment page shows error 500 after pressing Pay');
  await page.keyboard.press('Escape');
  await expectFocus(step(3), 'step 3, back from its actual result');
  await saveStatus(page, 'All changes saved').waitFor();
  await grid.getByRole('row', { name: 'Step 1: Pass' }).waitFor();
  await expectAccessible(page, 'the execution screen');
  await readmeScreenshot(page, 'execution');
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.getByRole('table', { name: 'Keyboard shortcuts' }).waitFor();
  await expectAccessible(page, 'the keyboard shortcuts');
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'hidden' });
  await expectFocus(step(3), 'step 3, after the help');

  // D: the defect, written from the run; Jira needs Tess's own account first.
  await page.keyboard.press('d');
  const authentication = page.getByRole('dialog', { name: 'Authenticate with Jira' });
  const consentLink = authentication.getByRole('link', { name: /Open Jira to authorize Testbridge/ });
  await tabTo(page, consentLink, 'the Step 1 link', 20);
  const [jiraTab] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
  await jiraTab.waitForLoadState('domcontentloaded');
  await decideConsent(jiraTab, { user: 'bob', site: 'acme' }); // Jira's page, not ours: clicked
  await copyVerificationCode(jiraTab);
  await jiraTab.close();
  await page.bringToFront();
  await expectFocus(authentication.getByLabel(/^Verification code/), 'the verification code field');
  await page.keyboard.press('ControlOrMeta+V');
  await page.keyboard.press('Enter');
  await authentication.waitFor({ state: 'hidden' });

  // …and the defect dialog goes on, prefilled, in the project's Jira instance and project.
  const dialog = page.getByRole('dialog', { name: 'Create Jira defect from step 3' });
  assert.equal(await dialog.getByLabel(/^Summary/).inputValue(), `[${checkout.key}] Checkout – step 3 failed`);
  assert.match(await dialog.getByLabel(/^Description/).inputValue(), /Actual result:\nThe payment page shows error 500 after pressing Pay/);
  // The project's default Jira project, named as Jira (read as Tess, now that she authenticated) names it.
  const jiraProject = await dialog.getByLabel(/^Jira project/).elementHandle();
  await page.waitForFunction((input) => input.value === 'Testbridge Demo (TB)', jiraProject);
  // A Bug (the project has that type), whose "Found in build" is the cycle's build already.
  const issueType = await dialog.getByLabel(/^Issue type/).elementHandle();
  await page.waitForFunction((input) => input.value === 'Bug', issueType);
  const foundIn = dialog.getByLabel(/^Found in build/);
  await foundIn.waitFor();
  await page.waitForFunction((input) => input.value === '1.4.2', await foundIn.elementHandle());
  // Its required multi-line "Steps to reproduce" is written from the run too (issue 23).
  const reproduce = dialog.getByLabel(/^Steps to reproduce/);
  await page.waitForFunction((input) => input.value.includes('← fails here'), await reproduce.elementHandle());
  // Jira's Bug also asks for a severity.
  const severity = dialog.getByLabel(/^Severity/);
  await tabTo(page, severity, 'the severity', 20);
  await chooseWithKeys(page, severity, 'Major');
  await expectAccessible(page, 'the Create Jira defect dialog');
  const create = dialog.getByRole('button', { name: 'Create', exact: true });
  await tabTo(page, create, 'Create', 20);
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });

  // In the run: linked to step 3, with its Jira status.
  const defects = page.getByRole('table', { name: 'Defects of this run' });
  const defectLink = defects.getByRole('link', { name: /^TB-\d+$/ });
  await defectLink.waitFor();
  const key = (await defectLink.textContent()).trim();
  const defectRow = defects.getByRole('row').filter({ hasText: key });
  await defectRow.getByText('To Do', { exact: true }).waitFor();
  await defectRow.getByText('Step 3', { exact: true }).waitFor();
  await step(3).getByRole('link', { name: key }).waitFor();

  // In Jira: the steps, expected vs actual, and a remote link to the execution screen of the case.
  const inJira = await (await fetch(`${jira().url}/_control/sites/acme/issues/${key}`)).json();
  assert.equal(inJira.summary, `[${checkout.key}] Checkout – step 3 failed`);
  // A Bug, found in the cycle's build (Testbridge's record of what it sent).
  const issues = (await (await page.request.get(`/api/projects/${project.id}/issues`)).json()).items;
  const created = issues.find((issue) => issue.jiraKey === key);
  assert.deepEqual([created?.issueTypeName, created?.fields?.customfield_10011], ['Bug', '1.4.2']);
  assert.equal(inJira.descriptionIsAdf, true, 'Cloud takes the description as ADF');
  assert.equal(inJira.stepsToReproduceIsAdf, true, 'and the multi-line Steps to reproduce');
  assert.match(inJira.stepsToReproduce, /3\. .*← fails here/);
  for (const part of [
    'Build: 1.4.2',
    'Environment: staging',
    'Logged in as a customer with two items in the cart',
    '1. Open the cart',
    '2. Enter the address',
    '3. Pay (data: card 4111 1111 1111 1111) ← fails here',
    'The order is confirmed',
    'The payment page shows error 500 after pressing Pay',
  ]) {
    assert.ok(inJira.description.includes(part), `the Jira description holds "${part}":\n${inJira.description}`);
  }
  assert.ok(inJira.description.indexOf('Expected result') < inJira.description.indexOf('Actual result'), inJira.description);
  const runUrl = `${testbridge().url}/projects/${project.id}/cycles/${cycle.id}/run?case=${inCycle.id}`;
  assert.deepEqual(inJira.remoteLinks.map((link) => link.url), [runUrl]);

  // The link back opens this execution.
  await page.goto(runUrl);
  await grid.getByRole('row', { name: 'Step 3: Fail' }).waitFor();
  await page.getByRole('table', { name: 'Defects of this run' }).getByRole('link', { name: key }).waitFor();
  await page.getByRole('navigation', { name: 'Cases of the cycle' }).getByRole('link', { name: new RegExp(checkout.key) }).and(page.locator('[aria-current="page"]')).waitFor();

  // And the cycle lists it, with its live status.
  await page.goto(`/projects/${project.id}/cycles/${cycle.id}`);
  const cycleDefects = page.getByRole('table', { name: 'Defects of the cycle' });
  await cycleDefects.getByRole('row').filter({ hasText: key }).getByText('To Do', { exact: true }).waitFor();
  await page.getByRole('img', { name: `Progress of ${CYCLE}: 1 of 2 run: 1 fail, 1 not run` }).waitFor();
});

browserTest('a case edited after it ran still shows, in its run, the version it ran; Run the latest takes the new one', async ({ page }) => {
  const { project, checkout } = await world();
  const admin = await apiClient(testbridge().url, ADMIN);
  try {
    const current = await admin.get(`/api/cases/${checkout.id}`);
    const steps = current.steps.map((old) => ({ id: old.id, action: old.action, data: old.data, expected: old.expected }));
    steps[2] = { ...steps[2], action: 'Pay with a voucher', data: 'VOUCHER-10' };
    const edited = await admin.context.fetch(`/api/cases/${checkout.id}`, {
      method: 'PUT',
      headers: { 'X-CSRF-Token': admin.csrfToken },
      data: { title: 'Checkout with a voucher', precondition: current.precondition, steps, revision: current.revision, editSession: randomUUID() },
    });
    assert.equal(edited.status(), 200, await edited.text());
    assert.equal((await edited.json()).version, 2);
  } finally {
    await admin.dispose();
  }

  await logInThroughApi(page.request, TESS);
  const { cycle, cases } = await plannedCycle(page, project.id);
  const inCycle = cases.find((item) => item.caseId === checkout.id);
  await page.goto(`/projects/${project.id}/cycles/${cycle.id}/run?case=${inCycle.id}`);
  const { grid, step } = stepsGrid(page, checkout.key);
  await grid.getByRole('row', { name: 'Step 3: Fail' }).waitFor();
  await page.getByRole('heading', { name: `${checkout.key} Checkout`, exact: true }).waitFor();
  await page.getByText('Version 1', { exact: true }).waitFor();
  await step(3).getByText('Pay', { exact: true }).waitFor();
  // A note (not an alert announced on every J and K).
  const newer = page.getByRole('note').filter({ hasText: 'A newer version of this case exists' });
  await newer.getByText(/This run follows version 1, as the case was when it was added; version 2 is the newest\./).waitFor();
  await expectAccessible(page, 'a run of an older version');

  // Pulling the newest version in starts a new attempt (this one has results; the dialog says so); the first keeps its version.
  await newer.getByRole('button', { name: 'Run the latest (version 2)' }).click();
  const confirm = page.getByRole('dialog', { name: `Run version 2 of ${checkout.key}?` });
  await confirm.getByText('Attempt 1 has results, so it stays as it ran, at version 1, like any earlier attempts. A new attempt 2 starts at version 2.').waitFor();
  await confirm.getByRole('button', { name: 'Start attempt 2' }).click();
  await confirm.waitFor({ state: 'hidden' });
  await page.getByText('Version 2', { exact: true }).waitFor();
  await page.getByRole('heading', { name: `${checkout.key} Checkout with a voucher`, exact: true }).waitFor();
  await grid.getByRole('row', { name: 'Step 3: Not run' }).getByText('Pay with a voucher').waitFor();
  await page.getByText('Attempt 2 of 2').waitFor();
  await page.getByRole('table', { name: 'Other attempts' }).getByRole('button', { name: 'View attempt 1' }).click();
  await page.getByText('Attempt 1, read only').waitFor();
  await grid.getByRole('row', { name: 'Step 3: Fail' }).getByText('Pay', { exact: true }).waitFor();
  await page.getByText('Version 1', { exact: true }).waitFor();
  assert.equal((await attemptOf(page, cycle.id, inCycle.id)).version, 2);
});

browserTest('evidence over the limit shows the server\'s message; results typed while the network is down are saved once it is back, and after a reload', async ({
  page,
  context,
  allowConsoleError,
}) => {
  allowConsoleError(/status of 413/);
  // The requests that the dropped network (offline, or aborted by the test) fails.
  allowConsoleError(/net::ERR_(INTERNET_DISCONNECTED|FAILED)/);
  const { project, logOut } = await world();
  await logInThroughApi(page.request, TESS);
  const { cycle, cases } = await plannedCycle(page, project.id);
  const inCycle = cases.find((item) => item.caseId === logOut.id);
  const runUrl = `/projects/${project.id}/cycles/${cycle.id}/run?case=${inCycle.id}`;
  await page.goto(runUrl);
  const { grid, step } = stepsGrid(page, logOut.key);
  await grid.waitFor();

  // Evidence: a file over the limit (1 MB here) is refused with the server's message; an image shows.
  const files = step(1).locator('input[type="file"]');
  await files.setInputFiles({ name: 'big.log', mimeType: 'text/plain', buffer: Buffer.alloc(1024 * 1024 + 1, 'x') });
  const refusal = step(1).getByRole('alert');
  await refusal.getByText(/^big\.log: .*1 MB/).waitFor();
  await expectAccessible(page, 'a refused attachment');
  await refusal.getByRole('button', { name: 'Dismiss' }).click();
  await files.setInputFiles({ name: 'home.png', mimeType: 'image/png', buffer: Buffer.from(PIXEL_PNG, 'base64') });
  const preview = step(1).getByRole('button', { name: /^Preview home\.png/ });
  const thumbnail = preview.locator('img[alt="home.png"]');
  await thumbnail.waitFor();
  await page.waitForFunction((image) => image.complete && image.naturalWidth === 1, await thumbnail.elementHandle());
  // It opens a preview, not a download: the image, its name and size, and Download.
  await preview.click();
  const shown = page.getByRole('dialog', { name: 'home.png' });
  await page.waitForFunction((image) => image.complete && image.naturalWidth === 1, await shown.locator('img[alt="home.png"]').elementHandle());
  await shown.getByText(/^\d+ bytes/).waitFor();
  assert.equal(await shown.getByRole('link', { name: 'Download' }).getAttribute('download'), 'home.png');
  await expectAccessible(page, 'the preview of an image');
  await page.keyboard.press('Escape');
  await shown.waitFor({ state: 'hidden' });

  // The network drops: the result shows at once, and the page says it is not saved…
  await context.setOffline(true);
  await step(1).getByRole('button', { name: 'Pass' }).click();
  await step(1).getByRole('textbox', { name: 'Actual result of step 1' }).fill('Back on the home page, logged out');
  await saveStatus(page, 'Not saved — retrying').waitFor();
  await step(1).getByText('Not saved — retrying').waitFor();
  await grid.getByRole('row', { name: 'Step 1: Pass' }).waitFor();
  await expectAccessible(page, 'results not saved');
  // …until it is back.
  await context.setOffline(false);
  await saveStatus(page, 'All changes saved').waitFor();
  let saved = (await attemptOf(page, cycle.id, inCycle.id)).steps[0];
  assert.deepEqual([saved.status, saved.actual], ['PASS', 'Back on the home page, logged out']);

  // Saves fail again (the requests never reach Testbridge), and the page is reloaded meanwhile:
  // the browser warns first, and the reloaded page sends what the old one could not.
  let dropping = true;
  await context.route('**/api/cycles/*/executions/*/steps/*', (route) =>
    dropping && route.request().method() === 'PUT' ? route.abort('failed') : route.fallback(),
  );
  await step(1).getByRole('textbox', { name: 'Comment on step 1' }).fill('Also checked with two tabs open');
  await saveStatus(page, 'Not saved — retrying').waitFor();
  const warnings = [];
  page.on('dialog', (dialog) => {
    warnings.push(dialog.type());
    void dialog.accept();
  });
  await page.reload();
  assert.deepEqual(warnings, ['beforeunload'], 'the browser asks before leaving unsaved results');
  await grid.waitFor();
  dropping = false;
  assert.equal(await step(1).getByRole('textbox', { name: 'Comment on step 1' }).inputValue(), 'Also checked with two tabs open');
  await saveStatus(page, 'All changes saved').waitFor();
  saved = (await attemptOf(page, cycle.id, inCycle.id)).steps[0];
  assert.deepEqual([saved.status, saved.actual, saved.comment], ['PASS', 'Back on the home page, logged out', 'Also checked with two tabs open']);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('testbridge.unsaved-step-results'))), []);
  await context.unroute('**/api/cycles/*/executions/*/steps/*');
});

browserTest('the execution screen fits a phone: no sideways scroll, the steps first with their result fields, the cases in a drawer', async ({ page }) => {
  const { project, checkout } = await world();
  await logInThroughApi(page.request, TESS);
  const { cycle, cases } = await plannedCycle(page, project.id);
  const inCycle = cases.find((item) => item.caseId === checkout.id);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/projects/${project.id}/cycles/${cycle.id}/run?case=${inCycle.id}`);
  const { grid, step } = stepsGrid(page, checkout.key);
  await grid.waitFor();

  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  assert.ok(scrollWidth <= innerWidth, `the page is ${scrollWidth} px wide in a window of ${innerWidth} px`);
  // The first step's result field, and its status buttons, are on the screen (not off to the right, not cut).
  const actual = step(1).getByRole('textbox', { name: 'Actual result of step 1' });
  await actual.scrollIntoViewIfNeeded();
  for (const [what, locator] of [
    ['the actual result of step 1', actual],
    ['Fail of step 1', step(1).getByRole('button', { name: 'Fail' })],
    ['N/A of step 1', step(1).getByRole('button', { name: 'N/A' })],
    ['Keyboard shortcuts', page.getByRole('button', { name: 'Keyboard shortcuts (?)' })],
  ]) {
    assert.ok(await locator.isVisible(), `${what} is visible`);
    const box = await locator.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= innerWidth, `${what} is within the window: ${JSON.stringify(box)}`);
    assert.ok(await locator.evaluate((element) => element.scrollWidth <= element.clientWidth + 1), `${what} is not cut`);
  }
  // Nothing but the header comes before the steps: the cases wait in a drawer.
  assert.equal(await page.getByRole('navigation', { name: 'Cases of the cycle' }).count(), 0);
  await expectAccessible(page, 'the execution screen on a phone');
  await page.getByRole('button', { name: `Cases (${cases.length})` }).click();
  const drawer = page.getByRole('dialog', { name: `Cases of ${CYCLE}` });
  await drawer.getByRole('link', { name: new RegExp(checkout.key) }).and(page.locator('[aria-current="page"]')).waitFor();
  await expectAccessible(page, 'the cases of the cycle in a drawer');
});

// A 1×1 PNG.
const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
