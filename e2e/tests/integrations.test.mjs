import assert from 'node:assert/strict';
import {
  connectInstanceThroughApi,
  consentThroughHttp,
  copyVerificationCode,
  decideConsent,
  grantClipboard,
  openInNewTab,
} from '../harness/jiraConsent.mjs';
import { expectAccessible } from '../harness/accessibility.mjs';
import { readmeScreenshot } from '../harness/readmeScreenshots.mjs';
import { ADMIN, addUser, apiClient, ensureAdministrator, logInThroughApi } from '../harness/testbridgeApi.mjs';
import { addSimulatedSite } from '../harness/jiraSimulator.mjs';
import { browserSuite } from '../harness/suite.mjs';

// The Integrations page, in the browser against the Jira simulator:
// - issue 5, acceptance 3: the administrator adds a Cloud and a Data Center instance, filters the
//   list by URL, sees their statuses (and that OAuth is refused for Jira 8.20);
// - issue 6, acceptance 1, for Cloud and for Data Center: toggle → credentials → Step 1 → consent
//   in the simulator → callback page with the code → copy → paste → Configure → Connected; and
//   Deny at consent;
// - issue 7, acceptance 4: the log icon shows the events of the admin connection flow;
// - issue 8, acceptance 1 (interim form, until the Issue module lands): a tester without a Jira
//   token asks for their Jira projects → "Authenticate with Jira" → consent as bob → the projects
//   appear without asking again; and a tester sees and disconnects their own connection.
// One server for the file (starting one costs more than most tests); each test registers
// instances of its own, so none depends on another.

const CLOUD_CLIENT = { clientId: 'tb-demo-cloud-app', clientSecret: 'tb-demo-cloud-secret' };
const DC_CLIENT = { clientId: 'tb-demo-dc912-client', clientSecret: 'tb-demo-dc912-secret' };

const { browserTest } = browserSuite({
  withJiraSimulator: true,
  setUp: ({ testbridge }) => ensureAdministrator(testbridge.url),
});

async function registerInstance(admin, instance) {
  return admin.post('/api/integrations', instance);
}

/** A Data Center instance of its own in the simulator (no OAuth client registered for it). */
async function addSimulatedDataCenter(jira, name, version) {
  const response = await fetch(`${jira.url}/_control/dc-instances`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, version }),
  });
  assert.ok(response.ok, `adding Data Center ${name}: ${response.status}`);
}

function instanceRow(page, name) {
  return page
    .getByRole('table', { name: 'Jira instances' })
    .getByRole('row')
    .filter({ has: page.getByText(name, { exact: true }) });
}

/** Toggle → the wizard's first page → credentials → Next: answers the wizard and the Step 1 link. */
async function startWizard(page, { name, client, callbackUrl, forReadme = true }) {
  // With the keyboard: the switch is a real checkbox, so Space toggles it.
  await instanceRow(page, name).getByRole('switch', { name: `OAuth for ${name}` }).press('Space');
  const wizard = page.getByRole('dialog', { name: `Enable OAuth for ${name}` });
  assert.equal(await wizard.getByTestId('callback-url').textContent(), callbackUrl);
  await wizard.getByRole('button', { name: 'Copy the callback URL' }).waitFor();
  // Issue 23: Jira Data Center refuses an http:// Redirect URL unless two system properties say
  // otherwise; the wizard says so before Step 1 (this Testbridge is on http). Cloud takes http.
  const httpsWarning = wizard.getByTestId('dc-https-warning');
  if (client === DC_CLIENT) {
    await httpsWarning.waitFor();
    const text = await httpsWarning.textContent();
    assert.match(text, /atlassian\.oauth2\.provider\.skip\.redirect\.url\.https\.requirement/);
    assert.match(text, /atlassian\.oauth2\.provider\.skip\.base\.url\.https\.requirement/);
  } else {
    assert.equal(await httpsWarning.count(), 0, 'no Data Center warning on a Cloud wizard');
  }
  await expectAccessible(page, 'the connection wizard: register the app');
  await wizard.getByLabel(/^Client ID/).fill(client.clientId);
  await wizard.getByLabel(/^Client Secret/).fill(client.clientSecret);
  if (forReadme) await readmeScreenshot(page, 'oauth-wizard-credentials');
  await wizard.getByRole('button', { name: 'Next' }).click();
  const link = wizard.getByRole('link', { name: 'Open Jira to authorize Testbridge' });
  await link.waitFor();
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.match(await link.getAttribute('rel'), /noopener/);
  await expectAccessible(page, 'the connection wizard: Step 1');
  if (forReadme) await readmeScreenshot(page, 'oauth-wizard-step-1');
  return { wizard, link };
}

async function connectInBrowser({ page, context, testbridge }, { name, client, consent }) {
  await grantClipboard(context, testbridge.url);
  await page.goto('/integrations');
  const { wizard, link } = await startWizard(page, { name, client, callbackUrl: `${testbridge.url}/oauth/callback` });

  // Step 1: Jira's consent page in a new tab; it sends the browser to the callback page.
  const jiraTab = await openInNewTab(context, link);
  await decideConsent(jiraTab, consent);
  await jiraTab.locator('#verification-code').waitFor();
  await expectAccessible(jiraTab, 'the callback page with the verification code');
  await readmeScreenshot(jiraTab, 'oauth-callback-code');
  const code = await copyVerificationCode(jiraTab);
  await jiraTab.close();

  // Step 2: paste the code, Configure.
  await wizard.getByLabel(/^Verification code/).fill(code);
  await readmeScreenshot(page, 'oauth-wizard-step-2');
  await wizard.getByRole('button', { name: 'Configure' }).click();
  const connected = wizard.getByRole('status').filter({ hasText: 'Connected' });
  await connected.waitFor();
  assert.match(await connected.textContent(), /as Alice Admin/);
  await expectAccessible(page, 'the connection wizard: connected');
  await wizard.getByRole('button', { name: 'Done' }).click();
  await wizard.waitFor({ state: 'hidden' });

  // The list shows the instance connected, with the Jira account's name.
  const row = instanceRow(page, name);
  await row.getByText('Connected', { exact: true }).waitFor();
  await row.getByText('as Alice Admin', { exact: true }).waitFor();
  assert.equal(await row.getByRole('switch', { name: `OAuth for ${name}` }).isChecked(), true);
  await row.getByRole('button', { name: `Update OAuth configuration of ${name}` }).waitFor();
  await readmeScreenshot(page, 'integrations');
}

async function addInstance(page, { name, baseUrl, type }) {
  await page.getByRole('button', { name: 'Add Jira instance' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Jira instance' });
  await dialog.getByLabel(/^Display name/).fill(name);
  await dialog.locator('label', { hasText: type }).click();
  assert.equal(await dialog.getByRole('radio', { name: type }).isChecked(), true);
  await dialog.getByLabel(/^Base URL/).fill(baseUrl);
  await expectAccessible(page, 'the Add Jira instance dialog');
  await dialog.getByRole('button', { name: 'Add instance' }).click();
  // The server checks the instance before it answers; the dialog closes with the answer.
  await dialog.waitFor({ state: 'hidden' });
}

browserTest('issue 5: the administrator adds Cloud and Data Center instances, filters by URL and sees their statuses', async ({ page, jira }) => {
  // Instances of this test's own (the other tests connect acme and dc912).
  await addSimulatedDataCenter(jira, 'jira912', '9.12.0');
  await logInThroughApi(page.request, ADMIN);
  await page.goto('/integrations');
  await page.getByRole('heading', { name: 'Integrations' }).waitFor();

  await addInstance(page, { name: 'Globex Cloud', baseUrl: `${jira.url}/cloud/sites/globex`, type: 'Cloud' });
  await addInstance(page, { name: 'Jira 9.12', baseUrl: `${jira.url}/dc/jira912`, type: 'Data Center' });
  await addInstance(page, { name: 'Jira 8.20', baseUrl: `${jira.url}/dc/dc820/`, type: 'Data Center' });
  await addInstance(page, { name: 'Switched off', baseUrl: 'http://127.0.0.1:1/jira', type: 'Data Center' });

  const row = (name) => instanceRow(page, name);
  const rows = page.getByRole('table', { name: 'Jira instances' }).locator('tbody tr');
  const rowCount = (count) =>
    page.waitForFunction((n) => document.querySelectorAll('table[aria-label="Jira instances"] tbody tr').length === n, count);

  // Cloud: identified by its cloud id, active.
  await row('Globex Cloud').getByText('Active', { exact: true }).waitFor();
  assert.match(await row('Globex Cloud').textContent(), /Cloud/);
  assert.equal(await row('Globex Cloud').getByRole('link').textContent(), `${jira.url}/cloud/sites/globex`);
  assert.equal(await row('Globex Cloud').getByRole('switch', { name: 'OAuth for Globex Cloud' }).isDisabled(), false);

  // Data Center 9.12: active, its version shown.
  await row('Jira 9.12').getByText('Active', { exact: true }).waitFor();
  await row('Jira 9.12').getByText('9.12.0').waitFor();

  // Data Center 8.20: registered, but OAuth is refused, naming both versions. The URL was normalised.
  const old = row('Jira 8.20');
  await old.getByText('Active', { exact: true }).waitFor();
  assert.equal(await old.getByRole('link').textContent(), `${jira.url}/dc/dc820`);
  const oldSwitch = old.getByRole('switch', { name: 'OAuth for Jira 8.20' });
  assert.equal(await oldSwitch.isDisabled(), true);
  const refusal = await old.getByText(/OAuth unavailable/).textContent();
  assert.match(refusal, /8\.20/);
  assert.match(refusal, /8\.22/);
  // The refusal is the switch's description for screen readers.
  assert.match(await oldSwitch.getAttribute('aria-describedby'), /oauth-unavailable-/);

  // Nothing listens on port 1: unreachable, with the reason on hover.
  const offline = row('Switched off');
  const badge = offline.getByText('Unreachable', { exact: true });
  await badge.waitFor();
  await badge.hover();
  await page.getByRole('tooltip').waitFor();
  assert.ok((await page.getByRole('tooltip').textContent()).length > 10, 'the tooltip explains why');

  // The filter narrows by URL on the server.
  const filter = page.getByRole('searchbox', { name: 'Filter by URL' });
  await filter.fill('/dc/jira9');
  await rowCount(1);
  await row('Jira 9.12').waitFor();
  assert.equal(await rows.count(), 1);

  await filter.fill('sites/globex');
  await rowCount(1);
  await row('Globex Cloud').waitFor();

  await filter.fill('no-such-host');
  await page.getByText('No instance URL or name contains “no-such-host”.').waitFor();
  await expectAccessible(page, 'the Integrations list with nothing found');

  await filter.fill('127.0.0.1:1/');
  await rowCount(1);
  await row('Switched off').waitFor();
});

browserTest('issue 6, Cloud: the administrator connects a site with OAuth', async (session) => {
  const { page, jira } = session;
  const admin = await logInThroughApi(page.request, ADMIN);
  await registerInstance(admin, { name: 'Acme', baseUrl: `${jira.url}/cloud/sites/acme`, deployment: 'CLOUD' });

  await connectInBrowser(session, {
    name: 'Acme',
    client: CLOUD_CLIENT,
    consent: { user: 'alice', site: 'acme', decision: 'accept' },
  });
});

browserTest('issue 6, Data Center: the administrator connects Jira 9.12 with OAuth', async (session) => {
  const { page, jira } = session;
  const admin = await logInThroughApi(page.request, ADMIN);
  await registerInstance(admin, { name: 'Jira DC', baseUrl: `${jira.url}/dc/dc912`, deployment: 'DATA_CENTER' });

  await connectInBrowser(session, {
    name: 'Jira DC',
    client: DC_CLIENT,
    consent: { user: 'alice', decision: 'accept' },
  });
});

browserTest('issue 6, Deny at consent: the callback page and the wizard say so, and nothing is connected', async ({ page, context, testbridge, jira }) => {
  const admin = await logInThroughApi(page.request, ADMIN);
  const baseUrl = await addSimulatedSite(jira, 'denied');
  await registerInstance(admin, { name: 'Denied', baseUrl, deployment: 'CLOUD' });
  await page.goto('/integrations');

  const { wizard, link } = await startWizard(page, {
    name: 'Denied',
    client: CLOUD_CLIENT,
    callbackUrl: `${testbridge.url}/oauth/callback`,
    forReadme: false, // the README shows a connection that succeeds
  });
  const jiraTab = await openInNewTab(context, link);
  await decideConsent(jiraTab, { user: 'alice', site: 'denied', decision: 'deny' });

  await jiraTab.getByRole('heading', { name: 'You chose Deny' }).waitFor();
  assert.match(await jiraTab.getByRole('alert').textContent(), /nothing was connected/);
  assert.equal(await jiraTab.locator('#verification-code').count(), 0);
  await expectAccessible(jiraTab, 'the callback page after Deny');
  await jiraTab.close();

  // Back in Testbridge the wizard already knows (the callback tab told it) and offers a new start.
  const refused = wizard.getByRole('alert');
  await refused.getByText('You chose Deny').waitFor();
  assert.match(await refused.textContent(), /nothing was connected/);
  await expectAccessible(page, 'the wizard after Deny');
  await refused.getByRole('button', { name: 'Start again' }).click();
  assert.equal(await wizard.getByLabel(/^Client ID/).inputValue(), CLOUD_CLIENT.clientId);

  // Nothing changed: OAuth stays off.
  await wizard.getByRole('button', { name: 'Close' }).click();
  await wizard.waitFor({ state: 'hidden' });
  const row = instanceRow(page, 'Denied');
  assert.equal(await row.getByRole('switch', { name: 'OAuth for Denied' }).isChecked(), false);
  await row.getByText('Active', { exact: true }).waitFor();
});

browserTest('issue 7: the log icon shows the events of the admin connection flow', async ({ page, testbridge, jira }) => {
  const baseUrl = await addSimulatedSite(jira, 'initech');
  const admin = await apiClient(testbridge.url, ADMIN);
  try {
    const instance = await registerInstance(admin, { name: 'Initech', baseUrl, deployment: 'CLOUD' });
    await connectInstanceThroughApi(admin, instance.id, { ...CLOUD_CLIENT, user: 'alice', site: 'initech' });
  } finally {
    await admin.dispose();
  }

  await logInThroughApi(page.request, ADMIN);
  await page.goto('/integrations');
  await instanceRow(page, 'Initech').getByRole('button', { name: 'OAuth history of Initech' }).click();
  const drawer = page.getByRole('dialog', { name: 'OAuth history of Initech' });
  const history = drawer.getByRole('table', { name: 'OAuth history' });
  await history.getByText('Administrator connected').waitFor();

  // Newest first: the connection's events, in reverse order of happening.
  const events = await history.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.dataset.eventType));
  const flow = ['OAUTH_ENABLED', 'ADMIN_CONNECTED', 'VERIFICATION_SUCCEEDED', 'CONNECT_STARTED'];
  for (const event of flow) assert.ok(events.includes(event), `${event} in ${events}`);
  const positions = flow.map((event) => events.indexOf(event));
  assert.deepEqual([...positions].sort((a, b) => a - b), positions, `newest first: ${events}`);
  assert.equal(events.at(-1), 'INSTANCE_ADDED');
  await expectAccessible(page, 'the OAuth history drawer');
  await readmeScreenshot(page, 'oauth-history');
  const connectedRow = history.locator('tbody tr[data-event-type="ADMIN_CONNECTED"]');
  assert.match(await connectedRow.textContent(), /admin/);
  assert.match(await connectedRow.textContent(), /Alice Admin/);
  assert.match(await connectedRow.textContent(), /Success/);

  // Filtered by event type; the CSV export carries the same filter.
  await drawer.getByLabel('Event type').click();
  await page.getByRole('option', { name: 'Connect started' }).click();
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll('table[aria-label="OAuth history"] tbody tr');
    return rows.length === 1 && rows[0].dataset.eventType === 'CONNECT_STARTED';
  });
  const exportLink = drawer.getByRole('link', { name: 'Export CSV' });
  const href = await exportLink.getAttribute('href');
  assert.match(href, /history\.csv\?eventType=CONNECT_STARTED$/);
  const csv = await page.request.get(href);
  assert.equal(csv.status(), 200);
  const lines = (await csv.text()).trim().split('\n');
  assert.equal(lines.length, 2, lines.join('\n'));
  assert.match(lines[1], /CONNECT_STARTED/);
});

const TESTERS = [
  { username: 'tess', displayName: 'Tess Tester', email: 'tess@example.test', password: 'tester password 123' },
  { username: 'vic', displayName: 'Vic Tester', email: 'vic@example.test', password: 'tester password 123' },
];

let endUserWorld;

/**
 * For the issue 8 tests, made once by the first of them: an instance the administrator
 * connected (Umbrella, a simulated Cloud site of its own), and two testers without a Jira token.
 */
function connectedInstanceAndTesters({ testbridge, jira }) {
  endUserWorld ??= (async () => {
    const baseUrl = await addSimulatedSite(jira, 'umbrella');
    const admin = await apiClient(testbridge.url, ADMIN);
    try {
      const umbrella = await registerInstance(admin, { name: 'Umbrella', baseUrl, deployment: 'CLOUD' });
      await connectInstanceThroughApi(admin, umbrella.id, { ...CLOUD_CLIENT, user: 'alice', site: 'umbrella' });
      for (const tester of TESTERS) await addUser(admin, tester, 'Tester');
      return { umbrella };
    } finally {
      await admin.dispose();
    }
  })();
  return endUserWorld;
}

async function openMyJiraConnections(page, displayName) {
  await page.goto('/');
  await page.getByRole('button', { name: `Account of ${displayName}` }).click();
  await page.getByRole('menuitem', { name: 'My Jira connections' }).click();
  await page.getByRole('heading', { name: 'My Jira connections', level: 1 }).waitFor();
  return page.getByRole('region', { name: 'Umbrella' });
}

browserTest('issue 8: a tester without a token authenticates and their Jira projects appear without asking again', async ({ page, context, testbridge, jira, allowConsoleError }) => {
  const { umbrella } = await connectedInstanceAndTesters({ testbridge, jira });
  // The first answer of the Jira-backed call is 401 jira_auth_required, which Chromium logs.
  allowConsoleError(/status of 401/);
  await grantClipboard(context, testbridge.url);
  await logInThroughApi(page.request, TESTERS[0]);
  const card = await openMyJiraConnections(page, 'Tess Tester');
  await card.getByText('Not connected', { exact: true }).waitFor();

  const projectCalls = [];
  page.on('response', (response) => {
    if (response.url().endsWith(`/api/jira/${umbrella.id}/projects`)) projectCalls.push(response.status());
  });
  await card.getByRole('button', { name: 'Show my Jira projects on Umbrella' }).click();

  // The call needs Jira and tess has no token: the dialog opens by itself.
  const dialog = page.getByRole('dialog', { name: 'Authenticate with Jira' });
  await dialog.getByText('What you were doing continues by itself afterwards.', { exact: false }).waitFor();
  const link = dialog.getByRole('link', { name: 'Open Jira to authorize Testbridge' });
  await expectAccessible(page, 'the Authenticate with Jira dialog');
  await readmeScreenshot(page, 'authenticate-with-jira');
  const jiraTab = await openInNewTab(context, link);
  await decideConsent(jiraTab, { user: 'bob', site: 'umbrella', decision: 'accept' });
  const code = await copyVerificationCode(jiraTab);
  await jiraTab.close();

  await dialog.getByLabel(/^Verification code/).fill(code);
  await dialog.getByRole('button', { name: 'Authenticate' }).click();
  await dialog.waitFor({ state: 'hidden' });

  // The original action completes: the projects appear, nothing clicked again.
  const projects = card.getByRole('table', { name: 'My Jira projects on Umbrella' });
  await projects.getByRole('cell', { name: 'TB', exact: true }).waitFor();
  await projects.getByRole('cell', { name: 'OPS', exact: true }).waitFor();
  assert.deepEqual(projectCalls, [401, 200]);

  // The page now shows tess connected as her Jira user.
  await card.getByText('Connected', { exact: true }).waitFor();
  await card.getByText('Bob Tester').waitFor();
  await readmeScreenshot(page, 'my-jira-connections');
});

browserTest('issue 8: a tester sees their connection and disconnects it', async ({ page, testbridge, jira }) => {
  const { umbrella } = await connectedInstanceAndTesters({ testbridge, jira });
  const vic = await apiClient(testbridge.url, TESTERS[1]);
  try {
    const flow = await vic.post(`/api/me/jira-connections/${umbrella.id}/flows`);
    const code = await consentThroughHttp(vic.context, flow.authorizationUrl, { user: 'bob', site: 'umbrella' });
    await vic.post(`/api/me/jira-connections/${umbrella.id}/verification`, { verificationCode: code });
  } finally {
    await vic.dispose();
  }

  await logInThroughApi(page.request, TESTERS[1]);
  const card = await openMyJiraConnections(page, 'Vic Tester');
  await card.getByText('Connected', { exact: true }).waitFor();
  await card.getByText('Bob Tester').waitFor();
  await card.getByText('read:jira-work').waitFor();

  await card.getByRole('button', { name: 'Disconnect from Umbrella' }).click();
  const confirm = page.getByRole('dialog', { name: 'Disconnect from Umbrella?' });
  await expectAccessible(page, 'the Disconnect confirmation');
  await confirm.getByRole('button', { name: 'Disconnect' }).click();
  await confirm.waitFor({ state: 'hidden' });
  await card.getByText('Not connected', { exact: true }).waitFor();
  await card.getByRole('button', { name: 'Connect to Umbrella' }).waitFor();
});
