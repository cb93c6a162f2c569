import assert from 'node:assert/strict';
import { expectAccessible } from '../harness/accessibility.mjs';
import { browserSuite } from '../harness/suite.mjs';

// Issue 4, acceptance 1: fresh start → create the administrator → log in → add a Tester →
// log in as the tester → the Integrations page is not offered and its API answers 403.

const { browserTest } = browserSuite();

const ADMIN = { username: 'admin', displayName: 'Ada Admin', email: 'ada@example.test', password: 'admin password 123' };
const TESTER = { username: 'tess', displayName: 'Tess Tester', email: 'tess@example.test', password: 'tester password 123' };

async function navigationLinks(page) {
  const navigation = page.getByRole('navigation', { name: 'Main' });
  await navigation.getByRole('link', { name: 'About' }).waitFor();
  return navigation.getByRole('link').allTextContents();
}

// Labels of required fields end in " *", hence the anchored patterns.
async function logIn(page, { username, password }) {
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await page.getByLabel(/^Username/).fill(username);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

async function logOut(page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
}

browserTest('a tester is not offered Integrations and its API refuses them', async ({ page, allowConsoleError }) => {
  await page.goto('/');

  // Create the administrator; the app logs in as them right away.
  await page.getByRole('heading', { name: 'Create the administrator' }).waitFor();
  await page.getByLabel(/^Username/).fill(ADMIN.username);
  await page.getByLabel(/^Display name/).fill(ADMIN.displayName);
  await page.getByLabel(/^Email/).fill(ADMIN.email);
  await page.getByLabel(/^Password/).fill(ADMIN.password);
  await page.getByLabel(/^Repeat password/).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create the administrator' }).click();
  await page.getByRole('button', { name: `Account of ${ADMIN.displayName}` }).waitFor();
  assert.deepEqual(await navigationLinks(page), ['Integrations', 'Projects', 'Users & roles', 'System', 'About']);

  // Log in again by hand, as the acceptance asks.
  await logOut(page);
  await logIn(page, ADMIN);
  await page.getByRole('heading', { name: 'Integrations' }).waitFor();

  // Add a Tester.
  await page.getByRole('link', { name: 'Users & roles' }).click();
  await page.getByRole('button', { name: 'Add user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add user' });
  await dialog.getByLabel(/^Username/).fill(TESTER.username);
  await dialog.getByLabel(/^Display name/).fill(TESTER.displayName);
  await dialog.getByLabel(/^Email/).fill(TESTER.email);
  await dialog.getByLabel(/^Initial password/).fill(TESTER.password);
  await dialog.getByRole('checkbox', { name: 'Tester' }).check();
  await expectAccessible(page, 'the Add user dialog');
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const testerRow = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: TESTER.email });
  await testerRow.getByText('Tester', { exact: true }).waitFor();

  // Log in as the tester.
  await logOut(page);
  await logIn(page, TESTER);
  await page.getByRole('button', { name: `Account of ${TESTER.displayName}` }).waitFor();
  assert.deepEqual(await navigationLinks(page), ['Projects', 'About']);
  await page.getByRole('heading', { name: 'Projects' }).waitFor();

  // The server enforces what the navigation hides.
  allowConsoleError(/status of 403/);
  const answer = await page.evaluate(async () => {
    const response = await fetch('/api/integrations');
    return { status: response.status, body: await response.json() };
  });
  assert.equal(answer.status, 403);
  assert.equal(answer.body.error.code, 'forbidden');

  // A deep link to the page shows that it is not for them.
  await page.goto('/integrations');
  await page.getByRole('heading', { name: 'No access' }).waitFor();
});

browserTest('a logged-in deep link to About reloads with the version', async ({ page, allowConsoleError }) => {
  // Runs after the test above, on the same server: the administrator exists. A new browser
  // context has no session, so the app's first GET /api/me answers 401, as it should.
  allowConsoleError(/status of 401/);
  await page.goto('/login');
  await logIn(page, ADMIN);
  await page.getByRole('heading', { name: 'Integrations' }).waitFor();

  await page.goto('/about');
  await page.getByRole('heading', { name: 'About' }).waitFor();
  await page.reload();
  const version = page.getByTestId('about-version');
  await version.waitFor();
  assert.match(await version.textContent(), /^\d+\.\d+\.\d+/);
});
