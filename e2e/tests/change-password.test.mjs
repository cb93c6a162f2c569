import assert from 'node:assert/strict';
import { expectAccessible } from '../harness/accessibility.mjs';
import { browserSuite } from '../harness/suite.mjs';
import { ADMIN, addUser, apiClient, ensureAdministrator, logInThroughApi } from '../harness/testbridgeApi.mjs';

// A user changes their own password from the account menu: every session of theirs ends, this
// one too, and they log in with the new password.

const TESTER = { username: 'tess', displayName: 'Tess Tester', email: 'tess@example.test', password: 'tester password 123' };
const NEW_PASSWORD = 'a brand new passphrase';

const { browserTest } = browserSuite({
  async setUp({ testbridge }) {
    await ensureAdministrator(testbridge.url);
    const admin = await apiClient(testbridge.url, ADMIN);
    try {
      await addUser(admin, TESTER, 'Tester');
    } finally {
      await admin.dispose();
    }
  },
});

browserTest('a tester changes their password from the account menu and logs in with the new one', async ({ page, allowConsoleError }) => {
  await logInThroughApi(page.request, TESTER);
  await page.goto('/');
  const account = page.getByRole('button', { name: `Account of ${TESTER.displayName}` });
  await account.click();
  await page.getByRole('menuitem', { name: 'Change password' }).click();

  const dialog = page.getByRole('dialog', { name: 'Change password' });
  const current = dialog.getByLabel(/^Current password/);
  await current.waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('autocomplete') === 'current-password');
  await expectAccessible(page, 'the Change password dialog');

  // A wrong current password: said on its field, and nothing changes.
  allowConsoleError(/status of 400/);
  await current.fill('not my password');
  await dialog.getByLabel(/^New password/).fill(NEW_PASSWORD);
  await dialog.getByLabel(/^Repeat new password/).fill(NEW_PASSWORD);
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await dialog.getByText('The current password is wrong.').waitFor();
  assert.equal(await current.getAttribute('aria-invalid'), 'true');

  await current.fill(TESTER.password);
  await dialog.getByRole('button', { name: 'Change password' }).click();

  // The session is over: the login page, with a notice.
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await page.getByText('Your password was changed. Log in with the new one.').waitFor();
  assert.equal(new URL(page.url()).pathname, '/login');

  // The old password no longer opens a session.
  const old = await page.request.post('/api/session', { data: { username: TESTER.username, password: TESTER.password } });
  assert.equal(old.status(), 401);

  await page.getByLabel(/^Username/).fill(TESTER.username);
  await page.getByLabel(/^Password/).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await account.waitFor();
  await page.getByText('Your password was changed. Log in with the new one.').waitFor({ state: 'detached' });
});
