import assert from 'node:assert/strict';
import { request } from 'playwright-core';
import { expectAccessible } from '../harness/accessibility.mjs';
import { browserSuite } from '../harness/suite.mjs';
import { ADMIN, addUser, apiClient, ensureAdministrator, logInThroughApi } from '../harness/testbridgeApi.mjs';

// Issue 27: a tester creates a personal API token on a phone (390 px) from the account menu, sees
// it once, CI uses it as a bearer token (no cookie, no CSRF token), and revoking it stops it.

const TESTER = { username: 'tess', displayName: 'Tess Tester', email: 'tess@example.test', password: 'tester password 123' };

const { browserTest } = browserSuite({
  async setUp({ testbridge }) {
    await ensureAdministrator(testbridge.url);
    const admin = await apiClient(testbridge.url, ADMIN);
    try {
      await addUser(admin, TESTER, 'Tester');
      return { project: await admin.post('/api/projects', { key: 'CI', name: 'Pipelines' }) };
    } finally {
      await admin.dispose();
    }
  },
});

/** CI's side: only the Authorization header, no cookie jar worth the name, no CSRF token. */
async function asCi(baseURL, token, path) {
  const ci = await request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  try {
    const response = await ci.get(path);
    return { status: response.status(), setCookie: response.headers()['set-cookie'], body: await response.json() };
  } finally {
    await ci.dispose();
  }
}

browserTest('a tester creates an API token on a phone, sees it once, CI uses it, and revoking it stops it', async ({ page, testbridge, fixtures }) => {
  await logInThroughApi(page.request, TESTER);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await page.getByRole('button', { name: `Account of ${TESTER.displayName}` }).click();
  await page.getByRole('menuitem', { name: 'API tokens' }).click();
  await page.getByRole('heading', { name: 'API tokens' }).waitFor();
  await page.getByText('No API tokens yet').waitFor();
  await expectAccessible(page, 'the API tokens page without tokens');

  await page.getByRole('button', { name: 'Create token' }).click();
  const form = page.getByRole('dialog', { name: 'Create API token' });
  await form.getByLabel(/^Name/).waitFor();
  await form.getByLabel(/^Name/).fill('GitHub Actions');
  await form.getByRole('checkbox', { name: /^read/ }).check();
  await form.getByLabel('Expires').selectOption({ label: 'In 30 days' });
  await expectAccessible(page, 'the Create API token dialog');
  await form.getByRole('button', { name: 'Create token' }).click();

  const shown = page.getByRole('dialog', { name: 'Your new API token' });
  const secretField = shown.getByRole('textbox', { name: /GitHub Actions/ });
  await secretField.waitFor();
  const token = await secretField.inputValue();
  assert.match(token, /^tb_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/);
  await shown.getByRole('button', { name: 'Copy token' }).waitFor();
  await expectAccessible(page, 'the new token, shown once');
  await shown.getByRole('button', { name: 'Done' }).click();
  await shown.waitFor({ state: 'detached' });

  const table = page.getByRole('table', { name: 'My API tokens' });
  await table.getByRole('row', { name: /GitHub Actions/ }).waitFor();
  assert.ok(!(await page.content()).includes(token), 'the secret is gone from the page once the dialog closed');
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  assert.ok(scrollWidth <= innerWidth, `the page is ${scrollWidth} px wide in a window of ${innerWidth} px`);
  await expectAccessible(page, 'the API tokens page with a token');

  const used = await asCi(testbridge.url, token, `/api/projects/${fixtures.project.id}/cases`);
  assert.equal(used.status, 200, JSON.stringify(used.body));
  assert.equal(used.setCookie, undefined, 'a bearer request gets no cookie');
  await page.reload();
  await table.getByRole('row', { name: /GitHub Actions/ }).waitFor();
  assert.doesNotMatch(await table.getByRole('row', { name: /GitHub Actions/ }).innerText(), /Never/, 'the last use is shown');

  await page.getByRole('button', { name: 'Revoke GitHub Actions' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke GitHub Actions?' });
  await confirm.getByRole('button', { name: 'Revoke' }).click();
  await confirm.waitFor({ state: 'detached' });
  await table.getByText('revoked').waitFor();

  const refused = await asCi(testbridge.url, token, `/api/projects/${fixtures.project.id}/cases`);
  assert.equal(refused.status, 401);
  assert.equal(refused.body.error.code, 'token_revoked');
});
