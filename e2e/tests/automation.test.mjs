import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'playwright-core';
import { expectAccessible } from '../harness/accessibility.mjs';
import { connectInstanceThroughApi, consentThroughHttp } from '../harness/jiraConsent.mjs';
import { browserSuite } from '../harness/suite.mjs';
import { ADMIN, addUser, apiClient, ensureAdministrator, logInThroughApi } from '../harness/testbridgeApi.mjs';

// Issue 27 in the browser: a tester uploads a Surefire report into a new cycle from the Test
// cycles tab, opens the failed test (CI's failure and stack trace), raises the Jira defect from it;
// then CI (a personal API token, no cookie) uploads the next build's report, where the test still
// fails: the cycle shows "Still failing", the run carries the defect as a known one, and asking for
// a defect again offers that one instead of a duplicate. Desktop and a 390 px phone, axe in both.

const TESS = { username: 'tess', displayName: 'Tess Tester', email: 'tess@example.test', password: 'tester password 123' };

/** A Surefire report of the suite `suite`; each width's test has its own, so neither sees the other's history. */
const report = (suite, build, cardFails) => `<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="${suite}" tests="3" failures="${cardFails ? 1 : 0}" errors="0" skipped="1" time="2.1">
  <properties><property name="build" value="${build}"/></properties>
  <testcase name="paysByCard" classname="${suite}" time="1.534">${
    cardFails
      ? `
    <failure message="expected: &lt;201&gt; but was: &lt;500&gt;" type="org.opentest4j.AssertionFailedError">org.opentest4j.AssertionFailedError: expected: &lt;201&gt; but was: &lt;500&gt;
	at ${suite}.paysByCard(CheckoutTest.java:42)</failure>
    <system-out>POST /orders -&gt; 500</system-out>
  `
      : ''
  }</testcase>
  <testcase name="paysByVoucher" classname="${suite}" time="0.25"/>
  <testcase name="paysInInstalments" classname="${suite}" time="0"><skipped message="not in this market"/></testcase>
</testsuite>
`;

const { browserTest } = browserSuite({
  withJiraSimulator: true,
  async setUp({ testbridge: app, jira }) {
    await ensureAdministrator(app.url);
    const admin = await apiClient(app.url, ADMIN);
    try {
      const [cloud] = await Promise.all([
        admin.post('/api/integrations', { name: 'Acme Cloud', baseUrl: `${jira.url}/cloud/sites/acme`, deployment: 'CLOUD' }),
        addUser(admin, TESS, 'Tester'),
      ]);
      await connectInstanceThroughApi(admin, cloud.id, { clientId: 'tb-demo-cloud-app', clientSecret: 'tb-demo-cloud-secret', user: 'alice', site: 'acme' });
      const project = await admin.post('/api/projects', { key: 'SHOP', name: 'Web shop', defaultInstanceId: cloud.id, defaultJiraProject: 'TB' });
      // Tess has her own Jira account connected: the defect is created as her.
      const asTess = await apiClient(app.url, TESS);
      const flow = await asTess.post(`/api/me/jira-connections/${cloud.id}/flows`);
      const code = await consentThroughHttp(asTess.context, flow.authorizationUrl, { user: 'bob', site: 'acme' });
      await asTess.post(`/api/me/jira-connections/${cloud.id}/verification`, { verificationCode: code });
      await asTess.dispose();
      return { project, cloud, reports: await mkdtemp(join(tmpdir(), 'testbridge-reports-')) };
    } finally {
      await admin.dispose();
    }
  },
});

for (const [width, height] of [
  [1280, 800],
  [390, 844],
]) {
  browserTest(`${width} px: a report uploaded in the browser, a defect from the failure, then CI's next upload carries it as known`, async ({ page, fixtures, jira, testbridge }) => {
    const { project, reports } = fixtures;
    const cycleName = `Nightly at ${width} px`;
    const suite = `shop.Checkout${width}Test`;
    const first = join(reports, `TEST-${suite}.xml`);
    await writeFile(first, report(suite, '512', true));
    await page.setViewportSize({ width, height });
    await logInThroughApi(page.request, TESS);

    // The Test cycles tab: Import results, into a new cycle.
    await page.goto(`/projects/${project.id}/cycles`);
    await page.getByRole('button', { name: 'Import results' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import automation results' });
    await dialog.locator('input[type="file"]').setInputFiles(first);
    await dialog.getByRole('textbox', { name: /^New cycle/ }).fill(cycleName);
    await dialog.getByRole('textbox', { name: 'Build' }).fill('512');
    await dialog.getByRole('textbox', { name: 'Environment' }).fill('ci');
    await expectAccessible(page, `the Import results dialog at ${width} px`);
    await dialog.getByRole('button', { name: 'Import' }).click();
    const done = dialog.getByRole('status');
    await done.getByText(`Imported 3 tests into ${cycleName}`).waitFor();
    assert.match(await done.textContent(), /Results: 1 passed, 1 failed, 1 skipped/);
    await dialog.getByRole('link', { name: `Open ${cycleName}` }).click();

    // The cycle: every test a case, the failure's duration beside it.
    const cases = page.getByRole('table', { name: 'Cases of the cycle' });
    const card = cases.getByRole('row').filter({ hasText: 'paysByCard' });
    await card.waitFor();
    assert.equal(await cases.getByRole('row').count(), 4, 'a header and three tests');
    assert.match(await card.textContent(), /1\.53 s/);
    await expectAccessible(page, `the cycle with automated results at ${width} px`);

    // The failed test: CI's failure, its stack trace folded; the defect from it, as Tess in Jira.
    await card.getByRole('link', { name: /^Run / }).click();
    const panel = page.getByRole('region', { name: 'Automated result' });
    await panel.getByRole('region', { name: 'Failure message' }).getByText('expected: <201> but was: <500>').waitFor();
    await panel.getByText('Stack trace', { exact: true }).click();
    await panel.getByRole('region', { name: 'Stack trace' }).getByText(/CheckoutTest\.java:42/).waitFor();
    await expectAccessible(page, `the automated result at ${width} px`);
    await panel.getByRole('button', { name: 'Create Jira defect' }).click();
    const create = page.getByRole('dialog', { name: /^Create Jira defect from SHOP-TC-\d+$/ });
    await create.getByLabel(/^Summary/).waitFor();
    assert.match(await create.getByLabel(/^Summary/).inputValue(), /paysByCard/);
    assert.match(await create.getByLabel(/^Description/).inputValue(), /expected: <201> but was: <500>/);
    const issueType = await create.getByLabel(/^Issue type/).elementHandle();
    await page.waitForFunction((input) => input.value === 'Bug', issueType);
    // Jira's Bug asks for a severity and for steps to reproduce (the failure fills them where it can).
    await create.getByLabel(/^Severity/).click();
    await page.getByRole('option', { name: 'Major' }).click();
    const steps = create.getByLabel(/^Steps to reproduce/);
    if ((await steps.inputValue()) === '') await steps.fill(`Run ${suite}#paysByCard`);
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await create.waitFor({ state: 'hidden' });
    const defects = page.getByRole('table', { name: 'Defects of this run' });
    const defectLink = defects.getByRole('link', { name: /^TB-\d+$/ });
    await defectLink.waitFor();
    const key = (await defectLink.textContent()).trim();
    const inJira = await (await fetch(`${jira.url}/_control/sites/acme/issues/${key}`)).json();
    assert.match(inJira.summary, /paysByCard/);

    // CI: the next build, with a token and no cookie; the card test still fails.
    const cycle = (await (await page.request.get(`/api/projects/${project.id}/cycles`)).json()).items.find((item) => item.name === cycleName);
    const token = await createToken(page, `CI at ${width} px`);
    const ci = await request.newContext({ baseURL: testbridge.url, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
    try {
      const upload = await ci.post(`/api/projects/${project.id}/results?cycleId=${cycle.id}&build=513`, {
        headers: { 'Content-Type': 'application/xml', 'Idempotency-Key': `build-513-${width}` },
        data: Buffer.from(report(suite, '513', true)),
      });
      assert.equal(upload.status(), 201, await upload.text());
      assert.equal(upload.headers()['set-cookie'], undefined, 'a token request never gets a session');
      const imported = await upload.json();
      assert.equal(imported.trends.STILL_FAILING, 1);
      assert.equal(imported.knownDefectsCarried, 1);
    } finally {
      await ci.dispose();
    }

    // The run now: the new attempt, still failing, with the defect carried as known…
    await page.reload();
    await panel.getByText('Still failing').waitFor();
    const known = defects.getByRole('row').filter({ hasText: key });
    await known.getByText('known', { exact: true }).waitFor();
    await expectAccessible(page, `a still failing automated result at ${width} px`);
    // …and asking for a defect offers that one instead of a duplicate.
    await panel.getByRole('button', { name: 'Create Jira defect' }).click();
    const offer = page.getByRole('dialog', { name: /^Known defect of SHOP-TC-\d+$/ });
    await offer.getByText(key, { exact: false }).first().waitFor();
    await offer.getByText('Linked to this run').waitFor();
    await expectAccessible(page, `the known defect offer at ${width} px`);
    await offer.getByRole('button', { name: 'Cancel' }).click();
    await offer.waitFor({ state: 'hidden' });

    if (width <= 390) {
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(sideways <= 0, `the page scrolls ${sideways} px sideways at ${width} px`);
    }
  });
}

/** A results:write token, created through Tess's session (the SPA's page for it has its own test). */
async function createToken(page, name) {
  const me = await (await page.request.get('/api/me')).json();
  const expiresAt = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
  const created = await page.request.post('/api/me/api-tokens', {
    headers: { 'X-CSRF-Token': me.csrfToken },
    data: { name, scopes: ['results:write'], expiresAt },
  });
  assert.equal(created.status(), 201, await created.text());
  return (await created.json()).secret;
}
