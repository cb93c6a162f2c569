import assert from 'node:assert/strict';
import { copyVerificationCode, decideConsent, grantClipboard } from '../harness/jiraConsent.mjs';
import { addSimulatedSite } from '../harness/jiraSimulator.mjs';
import { expectFocus, tabTo } from '../harness/keyboard.mjs';
import { browserSuite } from '../harness/suite.mjs';
import { ADMIN, ensureAdministrator } from '../harness/testbridgeApi.mjs';

// Issue 14, keyboard navigation: the administrator's whole flow with the keyboard alone — log in,
// skip to the content, add a Cloud instance, turn OAuth on, Step 1, Step 2, Done — checking at
// each step where focus is, since a keyboard user can only act where focus is. Jira's consent page
// is the simulator's, not ours, so that part is clicked.

const CLOUD_CLIENT = { clientId: 'tb-demo-cloud-app', clientSecret: 'tb-demo-cloud-secret' };

const { browserTest } = browserSuite({
  withJiraSimulator: true,
  setUp: ({ testbridge }) => ensureAdministrator(testbridge.url),
});

browserTest('the administrator adds and connects a Cloud site with the keyboard alone', async ({ page, context, allowConsoleError, testbridge, jira }) => {
  allowConsoleError(/status of 401 .*\/api\/me\)$/); // asking who is logged in, before logging in
  await grantClipboard(context, testbridge.url);
  const baseUrl = await addSimulatedSite(jira, 'keyboard');

  // Log in: the username field has focus; Enter submits.
  await page.goto('/');
  await expectFocus(page.getByLabel(/^Username/), 'the username field');
  await page.keyboard.type(ADMIN.username);
  await page.keyboard.press('Tab');
  await expectFocus(page.getByLabel(/^Password/), 'the password field');
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Integrations' }).waitFor();
  // Landing on a page puts focus at the start of its content, as a page load would.
  await expectFocus(page.locator('#content'), 'the page content');

  // On a fresh page load, the first Tab offers to skip the header and navigation.
  await page.reload();
  await page.getByRole('heading', { name: 'Integrations' }).waitFor();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expectFocus(skip, 'the skip link');
  assert.ok(await skip.isVisible(), 'the skip link shows while it has focus');
  await page.keyboard.press('Enter');
  await expectFocus(page.locator('#content'), 'the page content');

  // Add the instance; submitting with Enter; focus comes back to the button.
  const add = page.getByRole('button', { name: 'Add Jira instance' });
  await tabTo(page, add, 'Add Jira instance');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add Jira instance' });
  await expectFocus(dialog.getByLabel(/^Display name/), 'the display name');
  await page.keyboard.type('Keyboard Inc');
  assert.equal(await dialog.getByRole('radio', { name: 'Cloud' }).isChecked(), true, 'Cloud is the default type');
  await tabTo(page, dialog.getByLabel(/^Base URL/), 'the base URL', 5);
  await page.keyboard.type(baseUrl);
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  await expectFocus(add, 'Add Jira instance, which opened the dialog');

  // Space on the OAuth switch opens the wizard with focus on the Client ID.
  const toggle = page.getByRole('switch', { name: 'OAuth for Keyboard Inc' });
  await tabTo(page, toggle, 'the OAuth switch');
  await page.keyboard.press('Space');
  const wizard = page.getByRole('dialog', { name: 'Enable OAuth for Keyboard Inc' });
  await expectFocus(wizard.getByLabel(/^Client ID/), 'the Client ID');
  await page.keyboard.type(CLOUD_CLIENT.clientId);
  await tabTo(page, wizard.getByLabel(/^Client Secret/), 'the Client Secret', 3);
  await page.keyboard.type(CLOUD_CLIENT.clientSecret);
  await page.keyboard.press('Enter');

  // Step 1: Enter on the link opens Jira in a new tab.
  const link = wizard.getByRole('link', { name: 'Open Jira to authorize Testbridge' });
  await tabTo(page, link, 'the Step 1 link', 20);
  const [jiraTab] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
  await jiraTab.waitForLoadState('domcontentloaded');
  await decideConsent(jiraTab, { user: 'alice', site: 'keyboard' });
  const code = await copyVerificationCode(jiraTab);
  await jiraTab.close();
  await page.bringToFront();

  // Step 2: focus waits in the code field; Ctrl+V pastes, Enter configures.
  await expectFocus(wizard.getByLabel(/^Verification code/), 'the verification code field');
  await page.keyboard.press('ControlOrMeta+V');
  assert.equal(await wizard.getByLabel(/^Verification code/).inputValue(), code);
  await page.keyboard.press('Enter');
  const done = wizard.getByRole('button', { name: 'Done' });
  await expectFocus(done, 'Done');
  await page.keyboard.press('Enter');
  await wizard.waitFor({ state: 'hidden' });
  await expectFocus(toggle, 'the OAuth switch, which opened the wizard');
  assert.equal(await toggle.isChecked(), true);
});
