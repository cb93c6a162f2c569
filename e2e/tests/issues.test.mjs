import assert from 'node:assert/strict';
import { connectInstanceThroughApi, decideConsent, openInNewTab } from '../harness/jiraConsent.mjs';
import { expectAccessible } from '../harness/accessibility.mjs';
import { addJiraFault } from '../harness/jiraSimulator.mjs';
import { readmeScreenshot } from '../harness/readmeScreenshots.mjs';
import { browserSuite } from '../harness/suite.mjs';
import { ADMIN, addUser, apiClient, ensureAdministrator, logInThroughApi } from '../harness/testbridgeApi.mjs';

// Issue 9, acceptance 1, on Jira Cloud and on Jira Data Center: a tester creates a Bug with its
// required custom select field from the Issue module; the Jira key appears and links to the
// simulator's issue. The tester has no Jira token at first: "Authenticate with Jira" comes up and
// the dialog goes on by itself afterwards (issue 8, acceptance 1, for creating).

const { browserTest, testbridge, jira } = browserSuite({ withJiraSimulator: true });

const TESTER = { username: 'tess', displayName: 'Tess Tester', email: 'tess@example.test', password: 'tester password 123' };

// Set up once, by the first test that needs it (top-level before() hooks run concurrently with
// the harness's own, which starts the servers).
let settingUp;
function instances() {
  settingUp ??= setUp();
  return settingUp;
}

async function setUp() {
  const baseURL = testbridge().url;
  await ensureAdministrator(baseURL);
  const admin = await apiClient(baseURL, ADMIN);
  try {
    const register = async (instance, oauth) => {
      const registered = await admin.post('/api/integrations', instance);
      await connectInstanceThroughApi(admin, registered.id, { ...oauth, user: 'alice' });
      return registered;
    };
    const [cloud, dc] = await Promise.all([
      register(
        { name: 'Acme Cloud', baseUrl: `${jira().url}/cloud/sites/acme`, deployment: 'CLOUD' },
        { clientId: 'tb-demo-cloud-app', clientSecret: 'tb-demo-cloud-secret', site: 'acme' },
      ),
      register(
        { name: 'Acme Data Center', baseUrl: `${jira().url}/dc/dc912`, deployment: 'DATA_CENTER' },
        { clientId: 'tb-demo-dc912-client', clientSecret: 'tb-demo-dc912-secret' },
      ),
      addUser(admin, TESTER, 'Tester'),
    ]);
    await admin.post('/api/projects', { key: 'OPS', name: 'Operations', defaultInstanceId: dc.id, defaultJiraProject: 'TB' });
    return { cloud, dc };
  } finally {
    await admin.dispose();
  }
}

/** Opens a Mantine select by its label and picks an option (the options live in a portal). */
async function choose(page, scope, label, option) {
  await scope.getByLabel(label, { exact: false }).first().click();
  await page.getByRole('option', { name: option }).click();
}

/** "Authenticate with Jira": Step 1 in a new tab (the simulator's consent), Step 2 the code. */
async function authenticateWithJira(page, context, { user, site }) {
  const dialog = page.getByRole('dialog', { name: 'Authenticate with Jira' });
  const tab = await openInNewTab(context, dialog.getByRole('link', { name: /Open Jira to authorize Testbridge/ }));
  await decideConsent(tab, { user, site });
  const code = await tab.locator('#verification-code').getAttribute('data-verification-code');
  await tab.close();
  await dialog.getByLabel(/^Verification code/).fill(code);
  await dialog.getByRole('button', { name: 'Authenticate' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

async function createBug(page, context, { projectKey, summary, build, consent }) {
  await page.goto('/projects');
  await page.getByRole('table', { name: 'Projects' }).getByRole('link', { name: `Issues of ${projectKey}` }).click();
  await page.getByRole('button', { name: 'Create Jira issue' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create Jira issue' });

  // The project's defaults (instance and Jira project) are read from Jira as the tester, who has
  // no token yet: the dialog asks them to authenticate, then the Create dialog simply goes on.
  await authenticateWithJira(page, context, consent);
  await choose(page, dialog, 'Issue type', 'Bug');
  assert.equal(await dialog.getByLabel(/^Jira project/).inputValue(), 'Testbridge Demo (TB)');
  await dialog.getByLabel(/^Summary/).fill(summary);
  await dialog.getByLabel(/^Description/).fill('Seen on staging.\nTwice.');
  await choose(page, dialog, 'Severity', 'Major');
  await dialog.getByLabel(/^Found in build/).fill(build);
  // Multi-line fields: rich text in Jira (issue 23), which Cloud takes only as ADF.
  const steps = dialog.getByLabel(/^Steps to reproduce/);
  await steps.fill('1. Add a voucher.\n2. Open the cart.');
  assert.match(await dialog.getByText('Rich text in Jira: each line becomes a paragraph.').first().textContent(), /paragraph/);
  await dialog.getByRole('button', { name: /^More fields/ }).click();
  await dialog.getByLabel(/^Environment/).fill('Firefox 140\nstaging');
  await expectAccessible(page, 'the Create Jira issue dialog');
  await readmeScreenshot(page, 'create-jira-issue');
  // The simulator refuses a Bug without Severity: a key proves that the select reached Jira.
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  return page.getByRole('table', { name: 'Issues' }).getByRole('row').filter({ hasText: summary });
}

/** The Jira key links to the simulator's issue page, in a new tab. */
async function assertLinksToJira(context, row, { key, siteUrl, summary }) {
  const link = row.getByRole('link', { name: key });
  assert.equal(await link.getAttribute('href'), `${siteUrl}/browse/${key}`);
  assert.equal(await link.getAttribute('target'), '_blank');
  const tab = await openInNewTab(context, link);
  assert.equal(await tab.locator('#issue-key').textContent(), key);
  assert.equal(await tab.locator('#issue-summary').textContent(), summary);
  await tab.close();
}

browserTest('an administrator adds a project with its default Jira instance and Jira project', async ({ page }) => {
  await instances();
  await logInThroughApi(page.request, ADMIN);
  await page.goto('/projects');
  await page.getByRole('button', { name: 'Add project' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add project' });
  await dialog.getByLabel(/^Key/).fill('shop');
  await dialog.getByLabel(/^Name/).fill('Web shop');
  await choose(page, dialog, 'Default Jira instance', 'Acme Cloud (Cloud)');
  // The Jira projects come from Jira, as the administrator (connected when they set up OAuth).
  await dialog.getByLabel(/^Default Jira project/).click();
  await page.getByRole('option', { name: /^TB/ }).click();
  await dialog.getByRole('button', { name: 'Add project' }).click();
  await dialog.waitFor({ state: 'hidden' });

  const row = page.getByRole('table', { name: 'Projects' }).getByRole('row').filter({ hasText: 'SHOP' });
  await row.getByText('Acme Cloud · TB').waitFor();
});

browserTest('Jira Cloud: a tester creates a Bug with its required custom select field; its key links to the issue', async ({
  page,
  context,
  allowConsoleError,
}) => {
  // jira_auth_required: the 401 that opens "Authenticate with Jira".
  allowConsoleError(/status of 401/);
  const { cloud } = await instances();
  await logInThroughApi(page.request, TESTER);
  const projects = (await (await page.request.get('/api/projects')).json()).items;
  assert.ok(projects.some((project) => project.key === 'SHOP'), 'the previous test added SHOP');

  const row = await createBug(page, context, {
    projectKey: 'SHOP',
    summary: 'Cart total ignores the voucher',
    build: '2026.11.3',
    consent: { user: 'bob', site: 'acme' },
  });
  await row.getByRole('link', { name: 'TB-8' }).waitFor();
  await row.getByText('In Jira').waitFor();
  await row.getByText('To Do').waitFor();
  // Issue 23, acceptance 2: the simulator (strict as Cloud) received ADF for both multi-line fields.
  const inJira = await (await fetch(`${jira().url}/_control/sites/acme/issues/TB-8`)).json();
  assert.equal(inJira.stepsToReproduceIsAdf, true);
  assert.equal(inJira.stepsToReproduce, '1. Add a voucher.\n2. Open the cart.');
  assert.equal(inJira.environmentIsAdf, true);
  assert.equal(inJira.environment, 'Firefox 140\nstaging');
  await readmeScreenshot(page, 'issues');
  await assertLinksToJira(context, row, { key: 'TB-8', siteUrl: cloud.baseUrl, summary: 'Cart total ignores the voucher' });
});

browserTest('issue 23: in a 429 storm without Retry-After the create dialog says when it tries again, and does', async ({ page, allowConsoleError }) => {
  allowConsoleError(/status of 429/);
  await instances();
  await logInThroughApi(page.request, TESTER); // Tess authenticated with Acme in the test before
  await addJiraFault(jira(), { kind: 'rate-limit', count: -1, retryAfterSeconds: -1, pathPattern: '.*/rest/api/3/project/search' });
  try {
    await page.goto('/projects');
    await page.getByRole('table', { name: 'Projects' }).getByRole('link', { name: 'Issues of SHOP' }).click();
    await page.getByRole('button', { name: 'Create Jira issue' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create Jira issue' });
    // Testbridge backs off within its Jira timeout, then hands the wait to the browser, which counts it down.
    const countdown = dialog.getByTestId('retry-countdown');
    await countdown.waitFor({ timeout: 30_000 });
    assert.match(await countdown.textContent(), /Trying again in \d+ s\./);
    assert.match(await dialog.getByText(/Could not read the Jira projects/).textContent(), /rate-limiting/);
  } finally {
    await fetch(`${jira().url}/_control/faults`, { method: 'DELETE' });
  }
  // The storm is over: the countdown's own retry loads the projects, with nothing clicked.
  const jiraProject = await page.getByRole('dialog', { name: 'Create Jira issue' }).getByLabel(/^Jira project/).elementHandle();
  await page.waitForFunction((input) => input.value === 'Testbridge Demo (TB)', jiraProject, { timeout: 30_000 });
});

browserTest('Jira Data Center: a tester creates a Bug with its required custom select field; its key links to the issue', async ({
  page,
  context,
  allowConsoleError,
}) => {
  allowConsoleError(/status of 401/);
  const { dc } = await instances();
  await logInThroughApi(page.request, TESTER);

  const row = await createBug(page, context, {
    projectKey: 'OPS',
    summary: 'Refund is booked twice',
    build: '9.12.0-b42',
    consent: { user: 'bob' },
  });
  await row.getByRole('link', { name: 'TB-8' }).waitFor();
  await row.getByText('In Jira').waitFor();
  // Data Center takes multi-line fields as text
  const inJira = await (await fetch(`${jira().url}/_control/dc-instances/dc912/issues/TB-8`)).json();
  assert.equal(inJira.stepsToReproduceIsAdf, false);
  assert.equal(inJira.stepsToReproduce, '1. Add a voucher.\n2. Open the cart.');
  await assertLinksToJira(context, row, { key: 'TB-8', siteUrl: dc.baseUrl, summary: 'Refund is booked twice' });
});
