import assert from 'node:assert/strict';
import { copyVerificationCode, decideConsent, grantClipboard, openInNewTab } from '../../harness/jiraConsent.mjs';
import { browserSuite } from '../../harness/suite.mjs';
import { ADMIN, ensureAdministrator, logInThroughApi } from '../../harness/testbridgeApi.mjs';

// Issue 13, acceptance 2: two nodes behind a load balancer on one PostgreSQL; one node dies
// (SIGKILL, no shutdown) in the middle of the administrator's OAuth connection wizard, and the
// other finishes it: no session, OAuth flow or history is lost. Always two nodes, whatever
// TESTBRIDGE_E2E_NODES says; `npm run test:two-nodes` runs it.

const { browserTest } = browserSuite({
  withJiraSimulator: true,
  nodes: 2,
  setUp: ({ testbridge }) => ensureAdministrator(testbridge.url),
});

const CLOUD_CLIENT = { clientId: 'tb-demo-cloud-app', clientSecret: 'tb-demo-cloud-secret' };

function instanceRow(page, name) {
  return page
    .getByRole('table', { name: 'Jira instances' })
    .getByRole('row')
    .filter({ has: page.getByText(name, { exact: true }) });
}

browserTest('a node killed between the Jira callback and Step 2 loses no session, flow or history', async ({ page, context, testbridge, jira }) => {
  const { balancer, nodes } = testbridge;
  const admin = await logInThroughApi(page.request, ADMIN);
  await admin.post('/api/integrations', { name: 'Acme Cloud', baseUrl: `${jira.url}/cloud/sites/acme`, deployment: 'CLOUD' });
  await grantClipboard(context, testbridge.url);

  // Toggle → credentials → Next → Step 1 → the simulator's consent → the callback page.
  await page.goto('/integrations');
  await instanceRow(page, 'Acme Cloud').getByRole('switch', { name: 'OAuth for Acme Cloud' }).press('Space');
  const wizard = page.getByRole('dialog', { name: 'Enable OAuth for Acme Cloud' });
  assert.equal(await wizard.getByTestId('callback-url').textContent(), `${testbridge.url}/oauth/callback`, 'the balancer is the public URL');
  await wizard.getByLabel(/^Client ID/).fill(CLOUD_CLIENT.clientId);
  await wizard.getByLabel(/^Client Secret/).fill(CLOUD_CLIENT.clientSecret);
  await wizard.getByRole('button', { name: 'Next' }).click();
  const jiraTab = await openInNewTab(context, wizard.getByRole('link', { name: 'Open Jira to authorize Testbridge' }));
  await decideConsent(jiraTab, { user: 'alice', site: 'acme' });

  // The node that served the callback page (it made the verification code) dies.
  const callback = balancer.requests().findLast((request) => request.path.startsWith('/oauth/callback?'));
  assert.ok(callback, 'the callback came through the balancer');
  assert.equal(callback.status, 200);
  const victim = nodes[callback.backend];
  const survivor = callback.backend === 0 ? 1 : 0;
  const ended = await victim.kill('SIGKILL');
  assert.equal(ended.signal, 'SIGKILL');
  const countsAtKill = balancer.counts();

  // Step 2 through the node that is left: the code, its token set and the session are in PostgreSQL.
  const code = await copyVerificationCode(jiraTab);
  await jiraTab.close();
  await wizard.getByLabel(/^Verification code/).fill(code);
  await wizard.getByRole('button', { name: 'Configure' }).click();
  const connected = wizard.getByRole('status').filter({ hasText: 'Connected' });
  await connected.waitFor();
  assert.match(await connected.textContent(), /as Alice Admin/);
  await wizard.getByRole('button', { name: 'Done' }).click();

  // The session still works: a full reload, still logged in, the instance connected.
  await page.reload();
  const row = instanceRow(page, 'Acme Cloud');
  await row.getByText('Connected', { exact: true }).waitFor();
  await row.getByText('as Alice Admin', { exact: true }).waitFor();
  assert.equal((await admin.get('/api/me')).user.username, ADMIN.username);

  // The OAuth history holds the flow's events, also those the dead node wrote.
  await row.getByRole('button', { name: 'OAuth history of Acme Cloud' }).click();
  const history = page.getByRole('dialog', { name: 'OAuth history of Acme Cloud' }).getByRole('table', { name: 'OAuth history' });
  await history.getByText('Administrator connected').waitFor();
  const events = await history.locator('tbody tr').evaluateAll((rows) => rows.map((tr) => tr.dataset.eventType));
  for (const event of ['INSTANCE_ADDED', 'OAUTH_ENABLED', 'CONNECT_STARTED', 'VERIFICATION_SUCCEEDED', 'ADMIN_CONNECTED']) {
    assert.ok(events.includes(event), `${event} in ${events}`);
  }

  // Everything after the kill was served by the survivor, and the dead node had served its share before.
  const counts = balancer.counts();
  assert.equal(counts[callback.backend], countsAtKill[callback.backend], 'the killed node served nothing more');
  assert.ok(counts[survivor] > countsAtKill[survivor], 'the other node served the rest');
});
