import assert from 'node:assert/strict';
import { connectInstanceThroughApi, consentThroughHttp, decideConsent, openInNewTab } from '../harness/jiraConsent.mjs';
import { expectAccessible } from '../harness/accessibility.mjs';
import { readmeScreenshot } from '../harness/readmeScreenshots.mjs';
import { browserSuite } from '../harness/suite.mjs';
import { ADMIN, addUser, apiClient, ensureAdministrator, logInThroughApi } from '../harness/testbridgeApi.mjs';

// Issue 10, acceptance 1: a tester links three issues found by text to a suite from the default
// view and one by key from the detail view, sees their statuses, and unlinks one.
// Issue 8, acceptance 1 (linking): a tester without a Jira token starts linking, authenticates in
// the dialog that comes up, and the search and the link complete with nothing re-entered.

const { browserTest, testbridge, jira } = browserSuite({ withJiraSimulator: true });

const TOM = { username: 'tom', displayName: 'Tom Tester', email: 'tom@example.test', password: 'tester password 123' };
const TESS = { username: 'tess', displayName: 'Tess Tester', email: 'tess@example.test', password: 'tester password 123' };

// Set up once, by the first test that needs it (top-level before() hooks run concurrently with
// the harness's own, which starts the servers).
let settingUp;
function world() {
  settingUp ??= setUp();
  return settingUp;
}

async function setUp() {
  const baseURL = testbridge().url;
  await ensureAdministrator(baseURL);
  const admin = await apiClient(baseURL, ADMIN);
  try {
    const [cloud] = await Promise.all([
      admin.post('/api/integrations', { name: 'Acme Cloud', baseUrl: `${jira().url}/cloud/sites/acme`, deployment: 'CLOUD' }),
      addUser(admin, TOM, 'Tester'),
      addUser(admin, TESS, 'Tester'),
    ]);
    await connectInstanceThroughApi(admin, cloud.id, {
      clientId: 'tb-demo-cloud-app',
      clientSecret: 'tb-demo-cloud-secret',
      user: 'alice',
      site: 'acme',
    });
    const project = await admin.post('/api/projects', { key: 'SHOP', name: 'Web shop', defaultInstanceId: cloud.id, defaultJiraProject: 'TB' });
    const checkout = await admin.post(`/api/projects/${project.id}/suites`, { name: 'Checkout', description: 'Paying for the cart' });
    await admin.post(`/api/suites/${checkout.id}/cases`, { title: 'Pay by card', steps: '1. Add an item\n2. Pay by card' });
    await admin.post(`/api/projects/${project.id}/suites`, { name: 'Search' });
    await authenticateThroughApi(baseURL, TOM, cloud.id);
    return { cloud, project };
  } finally {
    await admin.dispose();
  }
}

/** Tom has worked with Jira before: his own token, obtained like the dialog does, without a browser. */
async function authenticateThroughApi(baseURL, tester, instanceId) {
  const client = await apiClient(baseURL, tester);
  try {
    const flow = await client.post(`/api/me/jira-connections/${instanceId}/flows`);
    const code = await consentThroughHttp(client.context, flow.authorizationUrl, { user: 'bob', site: 'acme' });
    await client.post(`/api/me/jira-connections/${instanceId}/verification`, { verificationCode: code });
  } finally {
    await client.dispose();
  }
}

async function openSuites(page) {
  await page.goto('/projects');
  await page.getByRole('table', { name: 'Projects' }).getByRole('link', { name: 'Test suites of SHOP' }).click();
  return page.getByRole('table', { name: 'Test suites' });
}

function rowOf(table, key) {
  return table.getByRole('row').filter({ has: table.page().getByRole('link', { name: key, exact: true }) });
}

browserTest('a tester links three issues found by text from the default view and one by key from the detail view, then unlinks one', async ({
  page,
}) => {
  await world();
  await logInThroughApi(page.request, TOM);
  const suites = await openSuites(page);

  // Default view: three issues found by text.
  await suites.getByRole('button', { name: 'Link issues to Checkout' }).click();
  const dialog = page.getByRole('dialog', { name: 'Link issues to Checkout' });
  await dialog.getByLabel(/^Issue key or text/).fill('test');
  await dialog.getByLabel(/^Issue key or text/).press('Enter');
  const results = dialog.getByRole('table', { name: 'Search results' });
  await results.getByText('TB-4', { exact: true }).waitFor();
  assert.deepEqual(await results.getByRole('checkbox').evaluateAll((boxes) => boxes.map((box) => box.getAttribute('aria-label'))), [
    'Select TB-4',
    'Select TB-3',
    'Select TB-2',
  ]);
  for (const key of ['TB-2', 'TB-3', 'TB-4']) await dialog.getByRole('checkbox', { name: `Select ${key}` }).check();
  await expectAccessible(page, 'the Link issues dialog with results');
  await readmeScreenshot(page, 'link-issues');
  await dialog.getByRole('button', { name: 'Link 3 issues' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await suites.getByRole('cell', { name: 'Linked issues of Checkout' }).getByText('3', { exact: true }).waitFor();

  // Detail view: one more by its key.
  await suites.getByRole('link', { name: 'Checkout' }).click();
  await page.getByRole('heading', { name: 'Checkout' }).waitFor();
  await page.getByRole('table', { name: 'Test cases' }).getByText('Pay by card', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Link issues', exact: true }).click();
  await dialog.getByLabel(/^Issue key or text/).fill('TB-1');
  await dialog.getByRole('button', { name: 'Search' }).click();
  await dialog.getByRole('checkbox', { name: 'Select TB-1' }).check();
  await dialog.getByRole('button', { name: 'Link', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });

  // Their statuses, as Jira has them.
  const linked = page.getByRole('table', { name: 'Linked issues' });
  await rowOf(linked, 'TB-1').waitFor();
  const statuses = { 'TB-1': 'To Do', 'TB-2': 'In Progress', 'TB-3': 'Done', 'TB-4': 'To Do' };
  for (const [key, status] of Object.entries(statuses)) {
    await rowOf(linked, key).getByText(status, { exact: true }).waitFor();
  }
  assert.equal(await rowOf(linked, 'TB-1').getByRole('link', { name: 'Open TB-1 in Jira' }).getAttribute('href'), `${jira().url}/cloud/sites/acme/browse/TB-1`);
  await rowOf(linked, 'TB-1').getByText('Alice Admin').waitFor();
  await readmeScreenshot(page, 'test-suite');

  // Unlink one.
  await linked.getByRole('button', { name: 'Unlink TB-3' }).click();
  await rowOf(linked, 'TB-3').waitFor({ state: 'detached' });
  assert.equal(await linked.getByRole('row').count(), 1 + 3);
});

browserTest('a tester without a Jira token starts linking, authenticates, and the link completes without re-entry', async ({
  page,
  context,
  allowConsoleError,
}) => {
  // jira_auth_required: the 401 that opens "Authenticate with Jira".
  allowConsoleError(/status of 401/);
  await world();
  await logInThroughApi(page.request, TESS);
  const suites = await openSuites(page);

  await suites.getByRole('button', { name: 'Link issues to Search' }).click();
  const dialog = page.getByRole('dialog', { name: 'Link issues to Search' });
  await dialog.getByLabel(/^Issue key or text/).fill('TB-5');
  await dialog.getByRole('button', { name: 'Search' }).click();

  // Jira needs Tess's own account: Step 1 in a new tab, Step 2 the code from the callback page.
  const authentication = page.getByRole('dialog', { name: 'Authenticate with Jira' });
  const tab = await openInNewTab(context, authentication.getByRole('link', { name: /Open Jira to authorize Testbridge/ }));
  await decideConsent(tab, { user: 'bob', site: 'acme' });
  const code = await tab.locator('#verification-code').getAttribute('data-verification-code');
  await tab.close();
  await authentication.getByLabel(/^Verification code/).fill(code);
  await authentication.getByRole('button', { name: 'Authenticate' }).click();
  await authentication.waitFor({ state: 'hidden' });

  // The search went on by itself: its result is there, and nothing had to be typed again.
  await dialog.getByRole('checkbox', { name: 'Select TB-5' }).check();
  assert.equal(await dialog.getByLabel(/^Issue key or text/).inputValue(), 'TB-5');
  await dialog.getByRole('button', { name: 'Link', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await suites.getByRole('cell', { name: 'Linked issues of Search' }).getByText('1', { exact: true }).waitFor();
});
