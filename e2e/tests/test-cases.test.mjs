import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { expectAccessible } from '../harness/accessibility.mjs';
import { expectFocus } from '../harness/keyboard.mjs';
import { browserSuite } from '../harness/suite.mjs';
import { ADMIN, apiClient, ensureAdministrator, logInThroughApi } from '../harness/testbridgeApi.mjs';

// The test-case repository, as an administrator: folders and cases, a keyboard-typed case whose
// steps are reordered with Alt+arrows, versions and their diff, bulk labels, suites, the archive,
// and CSV import (the downloaded template, and a file with a bad row).

const { browserTest, testbridge } = browserSuite({
  async setUp({ testbridge: server }) {
    await ensureAdministrator(server.url);
  },
});

/** A project (and what else `build` adds) made through the API, for the tests that test something else. */
async function projectThroughApi(key, name, build = async () => ({})) {
  const admin = await apiClient(testbridge().url, ADMIN);
  try {
    const project = await admin.post('/api/projects', { key, name });
    return { project, ...(await build(admin, project)) };
  } finally {
    await admin.dispose();
  }
}

/** Waits until the editor's autosave has saved everything typed so far. */
async function saved(page) {
  await page.getByTestId('save-status').filter({ hasText: /^Saved$/ }).waitFor();
}

async function stepActions(page) {
  return page.getByRole('textbox', { name: /^Step \d+ action$/ }).evaluateAll((fields) => fields.map((field) => field.value));
}

function caseRow(page, key) {
  return page.getByRole('table', { name: 'Test cases' }).getByRole('row').filter({ has: page.getByRole('link', { name: key, exact: true }) });
}

async function newCase(page, title) {
  await page.getByRole('button', { name: 'New case' }).click();
  const dialog = page.getByRole('dialog', { name: 'New case' });
  await dialog.getByRole('textbox', { name: /^Title/ }).fill(title);
  await dialog.getByRole('button', { name: 'Create and edit' }).click();
  await page.getByRole('textbox', { name: 'Title', exact: true }).waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Title', exact: true }).inputValue(), title);
  // The title is typed already: the editor goes on in the precondition.
  await expectFocus(page.getByRole('textbox', { name: 'Precondition' }), 'the precondition');
}

browserTest('an administrator files cases in a folder, types one with the keyboard, reorders its steps, and reads its versions and diff', async ({
  page,
}) => {
  await logInThroughApi(page.request, ADMIN);

  // A project, through the UI.
  await page.goto('/projects');
  await page.getByRole('button', { name: 'Add project' }).click();
  const projectDialog = page.getByRole('dialog', { name: 'Add project' });
  await projectDialog.getByLabel(/^Key/).fill('SHOP');
  await projectDialog.getByLabel(/^Name/).fill('Web shop');
  await projectDialog.getByRole('button', { name: 'Add project' }).click();
  await page.getByRole('link', { name: 'Test cases of SHOP' }).click();
  await page.getByText('No test case yet').waitFor();
  await expectAccessible(page, 'an empty repository');

  // A folder; it is chosen once added, so the new cases go in it.
  await page.getByRole('button', { name: 'New folder' }).click();
  const folderDialog = page.getByRole('dialog', { name: 'New folder' });
  await folderDialog.getByLabel(/^Name/).fill('Checkout');
  await folderDialog.getByRole('button', { name: 'Add folder' }).click();
  await page.getByRole('heading', { name: 'Checkout', level: 2 }).waitFor();

  // The first case: five steps typed with the keyboard alone, Enter adding the next step.
  await newCase(page, 'Pay by card');
  await page.getByRole('button', { name: 'Add step' }).click();
  const steps = [
    ['Open the cart', '', 'The cart lists 1 item'],
    ['Choose Pay by card', '', 'The card form shows'],
    ['Enter the card number', '4242 4242 4242 4242', 'The number is accepted'],
    ['Confirm with 3-D Secure', 'code 1234', 'The bank confirms'],
    ['Open the orders', '', 'The order is paid'],
  ];
  for (const [index, [action, data, expected]] of steps.entries()) {
    await page.keyboard.type(action);
    await page.keyboard.press('Tab');
    await page.keyboard.type(data);
    await page.keyboard.press('Tab');
    await page.keyboard.type(expected);
    if (index < steps.length - 1) await page.keyboard.press('Enter');
  }
  await saved(page);
  assert.deepEqual(await stepActions(page), steps.map(([action]) => action));
  await expectAccessible(page, 'the case editor');

  // Alt+↑ twice moves step 5 to 3; Alt+↓ moves step 1 to 2; focus follows the step.
  await page.getByRole('textbox', { name: 'Step 5 action' }).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await page.keyboard.press('Alt+ArrowUp');
  assert.equal(await page.getByRole('textbox', { name: 'Step 3 action' }).evaluate((field) => field === document.activeElement), true);
  await page.getByRole('textbox', { name: 'Step 1 action' }).focus();
  await page.keyboard.press('Alt+ArrowDown');
  const reordered = ['Choose Pay by card', 'Open the cart', 'Open the orders', 'Enter the card number', 'Confirm with 3-D Secure'];
  assert.deepEqual(await stepActions(page), reordered);
  await saved(page);
  await page.reload();
  await page.getByRole('textbox', { name: 'Step 5 action' }).waitFor();
  assert.deepEqual(await stepActions(page), reordered);

  // Two more cases.
  await page.getByRole('link', { name: '← Test cases' }).click();
  await newCase(page, 'Pay by invoice');
  await page.getByRole('link', { name: '← Test cases' }).click();
  await newCase(page, 'Refund a payment');
  await page.getByRole('link', { name: '← Test cases' }).click();
  const folders = page.getByRole('tree', { name: 'Folders' });
  await folders.getByRole('treeitem', { name: 'Checkout, 3 cases' }).waitFor();
  await caseRow(page, 'SHOP-TC-3').waitFor();
  assert.equal(await caseRow(page, 'SHOP-TC-1').getByRole('cell').nth(2).textContent(), 'Pay by card');
  assert.equal(await page.title(), 'Test cases · SHOP · Testbridge');

  // The folder tree with the keyboard: one Tab stop (the selected folder), arrows move, Enter lists.
  await folders.getByRole('treeitem', { name: 'Checkout, 3 cases' }).focus();
  await page.keyboard.press('Home');
  await expectFocus(folders.getByRole('treeitem', { name: 'All cases' }), 'All cases');
  await page.keyboard.press('ArrowDown');
  await expectFocus(folders.getByRole('treeitem', { name: 'Unfiled, in no folder' }), 'Unfiled');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Unfiled', level: 2 }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Checkout', level: 2 }).waitFor();
  await caseRow(page, 'SHOP-TC-3').waitFor();

  // Pay by invoice, edited in two openings of the editor: two versions.
  await caseRow(page, 'SHOP-TC-2').getByRole('link', { name: 'SHOP-TC-2' }).click();
  const title = page.getByRole('textbox', { name: 'Title', exact: true });
  await title.fill('Pay by invoice (EU)');
  await saved(page);
  await page.getByRole('link', { name: '← Test cases' }).click();
  await caseRow(page, 'SHOP-TC-2').getByText('Pay by invoice (EU)').waitFor();
  await caseRow(page, 'SHOP-TC-2').getByRole('link', { name: 'SHOP-TC-2' }).click();
  await page.getByRole('textbox', { name: 'Precondition' }).fill('The invoice address is set');
  await saved(page);

  await page.getByRole('tab', { name: 'History' }).click();
  const versions = page.getByRole('table', { name: 'Versions' });
  await versions.getByRole('row').nth(3).waitFor();
  const rows = await versions.getByRole('row').evaluateAll((all) => all.slice(1).map((row) => [...row.cells].slice(0, 4).map((cell) => cell.textContent)));
  assert.deepEqual(
    rows.map(([version, who, , changed]) => [version, who, changed]),
    [
      ['3', 'Ada Admin', 'Precondition'],
      ['2', 'Ada Admin', 'Title'],
      ['1', 'Ada Admin', 'Created'],
    ],
  );
  await page.getByRole('heading', { name: 'Changes from version 2 to version 3' }).waitFor();
  const precondition = page.getByRole('table', { name: 'Changed fields' }).getByRole('row').filter({ hasText: 'Precondition' });
  assert.deepEqual(await precondition.locator('th, td').allTextContents(), ['Precondition', '(empty)', 'The invoice address is set']);
  await page.getByRole('button', { name: 'Compare 2 with 1' }).click();
  await page.getByRole('heading', { name: 'Changes from version 1 to version 2' }).waitFor();
  const titleChange = page.getByRole('table', { name: 'Changed fields' }).getByRole('row').filter({ hasText: 'Title' });
  assert.deepEqual(await titleChange.locator('th, td').allTextContents(), ['Title', 'Pay by invoice', 'Pay by invoice (EU)']);
  await expectAccessible(page, 'the history of a case');
});

browserTest('an administrator labels two cases at once, adds them to two suites, archives one and restores it', async ({ page }) => {
  const { project } = await projectThroughApi('BULK', 'Bulk shop', async (admin, created) => {
    for (const name of ['Regression', 'Smoke']) await admin.post(`/api/projects/${created.id}/suites`, { name });
    for (const caseTitle of ['Search by name', 'Search by key', 'Search nothing']) {
      await admin.post(`/api/projects/${created.id}/cases`, { title: caseTitle });
    }
    return {};
  });
  await logInThroughApi(page.request, ADMIN);
  await page.goto(`/projects/${project.id}/cases`);
  const table = page.getByRole('table', { name: 'Test cases' });
  await caseRow(page, 'BULK-TC-3').waitFor();

  const selectTwo = async () => {
    await table.getByRole('checkbox', { name: 'Select BULK-TC-1' }).check();
    await table.getByRole('checkbox', { name: 'Select BULK-TC-2' }).check();
    return page.getByRole('region', { name: 'Selected cases' });
  };

  // Labels.
  let bar = await selectTwo();
  await expectAccessible(page, 'the bulk bar');
  await bar.getByRole('button', { name: 'Labels…' }).click();
  const labels = page.getByRole('dialog', { name: 'Add or remove labels of 2 cases' });
  await labels.getByRole('textbox', { name: /^Add labels/ }).fill('search');
  await labels.getByRole('textbox', { name: /^Add labels/ }).press('Enter');
  await labels.getByRole('button', { name: 'Apply' }).click();
  await page.getByText('Changed 2 cases.').waitFor();
  await caseRow(page, 'BULK-TC-1').getByText('search', { exact: true }).waitFor();
  await caseRow(page, 'BULK-TC-2').getByText('search', { exact: true }).waitFor();
  assert.equal(await caseRow(page, 'BULK-TC-3').getByText('search', { exact: true }).count(), 0);

  // Two suites.
  for (const suite of ['Regression', 'Smoke']) {
    bar = await selectTwo();
    await bar.getByRole('button', { name: 'Add to suite…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add 2 cases to a suite' });
    await dialog.getByRole('textbox', { name: 'Suite' }).click();
    await page.getByRole('option', { name: suite }).click();
    await dialog.getByRole('button', { name: 'Add to suite' }).click();
    await page.getByText(`Added 2 cases to ${suite}.`).waitFor();
  }
  await page.goto(`/projects/${project.id}/suites`);
  await page.getByRole('link', { name: 'Smoke' }).click();
  const suiteCases = page.getByRole('table', { name: 'Test cases' });
  await suiteCases.getByRole('link', { name: 'BULK-TC-2' }).waitFor();
  assert.deepEqual(await suiteCases.getByRole('link').allTextContents(), ['BULK-TC-1', 'BULK-TC-2']);
  await suiteCases.getByRole('link', { name: 'BULK-TC-1' }).click();
  await page.getByRole('heading', { name: 'Suites', level: 3 }).waitFor();
  assert.deepEqual(await page.getByRole('list', { name: 'Suites' }).getByRole('link').allTextContents(), ['Regression', 'Smoke']);

  // One of them to the archive (it keeps its suites), and back.
  await page.getByRole('link', { name: '← Test cases' }).click();
  await table.getByRole('checkbox', { name: 'Select BULK-TC-1' }).check();
  await page.getByRole('region', { name: 'Selected cases' }).getByRole('button', { name: 'Archive' }).click();
  await page.getByText('Archived 1 case.').waitFor();
  await caseRow(page, 'BULK-TC-1').waitFor({ state: 'detached' });
  // click(), not check(): the switch shows the address's state, which follows the click a moment later.
  await page.getByRole('switch', { name: 'Show archived cases' }).click();
  await page.getByRole('heading', { name: 'Archive', level: 2 }).waitFor();
  await caseRow(page, 'BULK-TC-1').getByRole('link', { name: 'BULK-TC-1' }).click();
  await page.getByText('This case is in the archive').waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Title', exact: true }).getAttribute('readonly'), '');
  await page.getByRole('link', { name: '← Test cases' }).click();
  await table.getByRole('checkbox', { name: 'Select BULK-TC-1' }).check();
  await page.getByRole('region', { name: 'Selected cases' }).getByRole('button', { name: 'Restore' }).click();
  await page.getByText('The archive is empty').waitFor();
  await page.getByRole('switch', { name: 'Show archived cases' }).click();
  await caseRow(page, 'BULK-TC-1').getByText('search', { exact: true }).waitFor();
  await page.goto(`/projects/${project.id}/suites`);
  await page.getByRole('link', { name: 'Regression' }).click();
  await page.getByRole('table', { name: 'Test cases' }).getByRole('link', { name: 'BULK-TC-1' }).waitFor();
});

browserTest('an administrator imports the downloaded template, and a file with a bad row names its row and column', async ({ page }) => {
  const { project } = await projectThroughApi('CSV', 'CSV shop');
  await logInThroughApi(page.request, ADMIN);
  await page.goto(`/projects/${project.id}/cases`);
  await page.getByText('No test case yet').waitFor();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download template' }).first().click()]);
  const template = await download.path();
  assert.match(await readFile(template, 'utf8'), /Key,Title,Folder,Priority/);

  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import test cases from CSV' });
  await dialog.locator('input[type="file"]').setInputFiles(template);
  await dialog.getByText('4 rows → 2 new cases, 0 updated, 4 steps').waitFor();
  await dialog.getByRole('button', { name: 'Import 2 cases' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await caseRow(page, 'CSV-TC-1').getByText('Log in with a valid password').waitFor();
  await caseRow(page, 'CSV-TC-2').getByText('Log out').waitFor();
  await page.getByRole('tree', { name: 'Folders' }).getByRole('treeitem', { name: 'Login, 2 cases' }).waitFor();

  await page.getByRole('button', { name: 'Import CSV' }).click();
  const bad = 'Key,Title,Priority,Step,Action,Expected\n,Pay by card,URGENT,1,Open the cart,The cart shows\n';
  await dialog.locator('input[type="file"]').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  const problems = dialog.getByRole('table', { name: 'Problems' });
  await problems.waitFor();
  const [row, column, message] = await problems.getByRole('row').filter({ hasText: 'URGENT' }).getByRole('cell').allTextContents();
  assert.deepEqual([row, column], ['2', 'Priority']);
  assert.match(message, /URGENT/);
  assert.equal(await dialog.getByRole('button', { name: 'Import', exact: true }).isDisabled(), true);
  await expectAccessible(page, 'the import dialog with a problem');
});
