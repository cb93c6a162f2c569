import assert from 'node:assert/strict';
import { connectInstanceThroughApi, consentThroughHttp } from '../../harness/jiraConsent.mjs';
import { browserSuite } from '../../harness/suite.mjs';
import { ADMIN, addUser, apiClient, ensureAdministrator, logInThroughApi } from '../../harness/testbridgeApi.mjs';

// Issue 21, acceptance 2: the administrator has the OAuth history open on one node while a tester
// authenticates with Jira on the other; the new rows appear within 2 s, without a reload. Each row
// is committed on the tester's node, which notifies every node through PostgreSQL; the admin's
// node pushes it to the open history (Server-Sent Events). Always two nodes.

const { browserTest } = browserSuite({
  withJiraSimulator: true,
  nodes: 2,
  setUp: ({ testbridge }) => ensureAdministrator(testbridge.url),
});

const CLOUD_CLIENT = { clientId: 'tb-demo-cloud-app', clientSecret: 'tb-demo-cloud-secret' };
const TESTER = { username: 'tess', displayName: 'Tess Tester', email: 'tess@example.test', password: 'tester password 123' };

browserTest('a tester authenticating on one node shows in the history open on the other within 2 s', async ({ page, testbridge, jira }) => {
  const [nodeA, nodeB] = testbridge.nodes;
  const admin = await apiClient(testbridge.url, ADMIN);
  const acme = await admin.post('/api/integrations', { name: 'Acme Cloud', baseUrl: `${jira.url}/cloud/sites/acme`, deployment: 'CLOUD' });
  await connectInstanceThroughApi(admin, acme.id, { ...CLOUD_CLIENT, user: 'alice', site: 'acme' });
  await addUser(admin, TESTER, 'Tester');

  // The administrator's browser talks to node A only.
  await logInThroughApi(page.request, ADMIN);
  await page.goto(`${nodeA.url}/integrations`);
  await page.getByRole('button', { name: 'OAuth history of Acme Cloud' }).click();
  const drawer = page.getByRole('dialog', { name: 'OAuth history of Acme Cloud' });
  await drawer.locator('[data-live="true"]').waitFor();
  const history = drawer.getByRole('table', { name: 'OAuth history' });
  await history.getByText('Administrator connected').waitFor();
  assert.equal(await history.getByText('User authenticated').count(), 0);
  await page.evaluate(() => {
    window.stillTheSamePage = true;
  });

  // The tester authenticates against node B only (the callback goes through the balancer, as Jira's redirect would).
  const tess = await apiClient(nodeB.url, TESTER);
  try {
    const flow = await tess.post(`/api/me/jira-connections/${acme.id}/flows`);
    const code = await consentThroughHttp(tess.context, flow.authorizationUrl, { user: 'bob', site: 'acme' });
    await tess.post(`/api/me/jira-connections/${acme.id}/verification`, { verificationCode: code });

    // the acceptance's promise: there within 2 s of the commit (typically a few tens of milliseconds)
    await history.getByText('User authenticated').waitFor({ timeout: 2_000 });
    const row = history.locator('tbody tr').filter({ hasText: 'User authenticated' });
    await row.getByText('tess').waitFor();
    assert.equal(await page.evaluate(() => window.stillTheSamePage), true, 'no reload');
  } finally {
    await tess.dispose();
    await admin.dispose();
  }
});
