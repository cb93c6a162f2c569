import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { connectInstanceThroughApi } from '../harness/jiraConsent.mjs';
import { addJiraFault, startJiraSimulator } from '../harness/jiraSimulator.mjs';
import { wiredToJiraSimulator } from '../harness/suite.mjs';
import { startTestbridge } from '../harness/testbridge.mjs';
import { ADMIN, apiClient, ensureAdministrator } from '../harness/testbridgeApi.mjs';

// SIGTERM to the fat jar, as an operator's Ctrl-C or a service manager sends it: a request that is
// waiting on Jira when the signal arrives still gets its answer, and the embedded PostgreSQL stops
// only after Testbridge has let go of it (no connection is cut from under it).

const JIRA_API = '/cloud/api/ex/jira';

async function jiraApiCalls(jira) {
  const { calls } = await (await fetch(`${jira.url}/_control/counters`)).json();
  return Object.entries(calls)
    .filter(([call]) => call.split(' ')[1].startsWith(JIRA_API)) // keys are "METHOD /path"
    .reduce((sum, [, count]) => sum + count, 0);
}

test('SIGTERM lets a request waiting on Jira finish, then stops the embedded database cleanly', async () => {
  const wiring = await wiredToJiraSimulator();
  const jira = await startJiraSimulator(wiring.jira);
  const testbridge = await startTestbridge(wiring.testbridge);
  let stopped = false;
  try {
    await ensureAdministrator(testbridge.url);
    const admin = await apiClient(testbridge.url, ADMIN);
    const acme = await admin.post('/api/integrations', { name: 'Acme', baseUrl: `${jira.url}/cloud/sites/acme`, deployment: 'CLOUD' });
    await connectInstanceThroughApi(admin, acme.id, {
      clientId: 'tb-demo-cloud-app',
      clientSecret: 'tb-demo-cloud-secret',
      user: 'alice',
      site: 'acme',
    });

    // Jira takes 2 s to answer the next API call; SIGTERM arrives while Testbridge waits for it.
    await addJiraFault(jira, { kind: 'latency', latencyMillis: 2000, count: 1, pathPrefix: JIRA_API });
    const callsBefore = await jiraApiCalls(jira);
    const inFlight = admin.context.get(`/api/jira/${acme.id}/projects`, { timeout: 30_000 });
    const deadline = Date.now() + 15_000;
    while ((await jiraApiCalls(jira)) === callsBefore) {
      assert.ok(Date.now() < deadline, 'Jira never received the request');
    }
    const stopping = testbridge.stop();
    stopped = true;

    const answer = await inFlight;
    assert.equal(answer.status(), 200, `the request in flight at SIGTERM: ${await answer.text()}`);
    assert.ok((await answer.json()).items.length > 0);
    await stopping;
    await admin.dispose();

    const log = await readFile(testbridge.logFile, 'utf8');
    assert.match(log, /event=embedded_database_stopped[\s\S]*event=stopped/);
    assert.doesNotMatch(log, /terminating connection due to administrator command|57P01/, 'PostgreSQL was stopped under an open connection');
    assert.doesNotMatch(log, /Connection reset|ERROR /);
  } finally {
    if (!stopped) await testbridge.stop();
    await jira.stop();
  }
});
