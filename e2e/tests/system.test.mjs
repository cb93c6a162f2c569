import assert from 'node:assert/strict';
import { connectInstanceThroughApi } from '../harness/jiraConsent.mjs';
import { addJiraFault } from '../harness/jiraSimulator.mjs';
import { readmeScreenshot } from '../harness/readmeScreenshots.mjs';
import { browserSuite } from '../harness/suite.mjs';
import { ADMIN, addUser, apiClient, ensureAdministrator, logInThroughApi } from '../harness/testbridgeApi.mjs';

// Issue 15: the System page shows an administrator what the server runs on and the last error
// talking to each Jira instance; testers are not offered it and the server refuses it to them.

const TESTER = { username: 'tess', displayName: 'Tess Tester', email: 'tess@example.test', password: 'tester password 123' };

const { browserTest } = browserSuite({
  withJiraSimulator: true,
  async setUp({ testbridge, jira }) {
    await ensureAdministrator(testbridge.url);
    const admin = await apiClient(testbridge.url, ADMIN);
    try {
      const acme = await admin.post('/api/integrations', {
        name: 'Acme Cloud',
        baseUrl: `${jira.url}/cloud/sites/acme`,
        deployment: 'CLOUD',
      });
      await connectInstanceThroughApi(admin, acme.id, {
        clientId: 'tb-demo-cloud-app',
        clientSecret: 'tb-demo-cloud-secret',
        user: 'alice',
        site: 'acme',
      });
      await addUser(admin, TESTER, 'Tester');
      // Jira's API gateway answers with an nginx error page from now on: one Jira error to report.
      await addJiraFault(jira, { kind: 'html-error', status: 502, count: -1, pathPrefix: '/cloud/api/ex/jira' });
      const projects = await admin.context.get(`/api/jira/${acme.id}/projects`);
      assert.ok(projects.status() >= 400, `listing projects answered ${projects.status()}`);
      const about = await admin.get('/api/about');
      return { version: about.version };
    } finally {
      await admin.dispose();
    }
  },
});

async function fact(page, label) {
  const table = page.getByRole('table', { name: 'Server' });
  return (await table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label }) }).getByRole('cell').textContent()).trim();
}

browserTest('an administrator sees what the server runs on and the last Jira error', async ({ page, fixtures }) => {
  await logInThroughApi(page.request, ADMIN);
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'System' }).click();
  await page.getByRole('heading', { name: 'System', level: 1 }).waitFor();
  await page.getByRole('table', { name: 'Server' }).waitFor();

  assert.equal(await fact(page, 'Version'), fixtures.version);
  assert.match(await fact(page, 'Uptime'), /^\d+ (second|minute)s?( \d+ seconds?)?$/);
  assert.match(await fact(page, 'Database'), /^Embedded PostgreSQL \d+(\.\d+)*/);
  assert.match(await fact(page, 'Encryption key id'), /^\S{4,}$/);
  assert.equal(await fact(page, 'Jira instances'), '1 (1 with OAuth enabled)');
  assert.equal(await fact(page, 'Jira connections'), '1 active, 0 needing re-authentication');
  assert.equal(await fact(page, 'Users'), '2 users');

  const errors = page.getByRole('table', { name: 'Recent Jira errors' });
  const row = errors.getByRole('row').filter({ hasText: 'Acme Cloud' });
  await row.waitFor();
  assert.match(await row.textContent(), /502/);
  await readmeScreenshot(page, 'system');
});

browserTest('a tester is not offered the System page and the server refuses it', async ({ page, allowConsoleError }) => {
  await logInThroughApi(page.request, TESTER);
  await page.goto('/');
  const navigation = page.getByRole('navigation', { name: 'Main' });
  await navigation.getByRole('link', { name: 'About' }).waitFor();
  assert.deepEqual(await navigation.getByRole('link').allTextContents(), ['Projects', 'About']);

  await page.goto('/system');
  await page.getByRole('heading', { name: 'No access' }).waitFor();
  await page.getByText(/Users: Manage/).waitFor();

  allowConsoleError(/status of 403/);
  const status = await page.evaluate(async () => (await fetch('/api/system')).status);
  assert.equal(status, 403);
});

// Issue 30: a backup from the System page, into the schedule's folder and as a download.
browserTest('an administrator backs up now and downloads a backup of the whole database', async ({ page }) => {
  await logInThroughApi(page.request, ADMIN);
  await page.goto('/system');
  await page.getByRole('heading', { name: 'Backups' }).waitFor();
  await page.getByText(/No daily backup is scheduled/).waitFor();

  await page.getByRole('button', { name: 'Back up now' }).click();
  const backups = page.getByRole('table', { name: 'Latest backups' });
  const manual = backups.getByRole('row').filter({ hasText: 'Back up now' });
  await manual.waitFor({ timeout: 30_000 });
  assert.match(await manual.textContent(), /Succeeded.*testbridge-\d{8}-\d{6}\.tbbackup/);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download a backup' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^testbridge-\d{8}-\d{6}\.tbbackup$/);
  assert.equal(await download.failure(), null);
  const { readFile } = await import('node:fs/promises');
  const file = await readFile(await download.path());
  assert.equal(file.subarray(0, 2).toString('latin1'), 'PK', 'a zip file');
  assert.ok(file.includes(Buffer.from('manifest.json')), 'with its manifest');

  await page.reload();
  await backups.getByRole('row').filter({ hasText: 'Download' }).waitFor();
});
