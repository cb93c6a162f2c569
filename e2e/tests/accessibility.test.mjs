import { expectAccessible } from '../harness/accessibility.mjs';
import { connectInstanceThroughApi } from '../harness/jiraConsent.mjs';
import { browserSuite } from '../harness/suite.mjs';
import { ADMIN, apiClient, ensureAdministrator, logInThroughApi } from '../harness/testbridgeApi.mjs';

// Issue 14, acceptance 1: axe-core finds no serious or critical violation on any page. Every test
// of every file checks the page it ends on; this file visits every route once, with data in it.

const { browserTest } = browserSuite({
  withJiraSimulator: true,
  async setUp({ testbridge, jira }) {
    await ensureAdministrator(testbridge.url);
    const admin = await apiClient(testbridge.url, ADMIN);
    try {
      const cloud = await admin.post('/api/integrations', { name: 'Acme Cloud', baseUrl: `${jira.url}/cloud/sites/acme`, deployment: 'CLOUD' });
      await admin.post('/api/integrations', { name: 'Acme Data Center', baseUrl: `${jira.url}/dc/dc912`, deployment: 'DATA_CENTER' });
      await connectInstanceThroughApi(admin, cloud.id, { clientId: 'tb-demo-cloud-app', clientSecret: 'tb-demo-cloud-secret', user: 'alice', site: 'acme' });
      const project = await admin.post('/api/projects', { key: 'SHOP', name: 'Web shop', defaultInstanceId: cloud.id, defaultJiraProject: 'TB' });
      const suite = await admin.post(`/api/projects/${project.id}/suites`, { name: 'Checkout', description: 'Paying for the cart' });
      const testCase = await admin.post(`/api/suites/${suite.id}/cases`, { title: 'Pay by card', steps: '1. Add an item\n2. Pay by card' });
      const cycle = await admin.post(`/api/projects/${project.id}/cycles`, { name: 'Sprint 1', build: '1.0.0', environment: 'staging' });
      await admin.post(`/api/cycles/${cycle.id}/cases`, { caseIds: [testCase.id] });
      const [cycleCase] = (await admin.get(`/api/cycles/${cycle.id}/cases`)).items;
      return { projectId: project.id, suiteId: suite.id, caseId: testCase.id, cycleId: cycle.id, cycleCaseId: cycleCase.id };
    } finally {
      await admin.dispose();
    }
  },
});

browserTest('the login page, also with an error', async ({ page, allowConsoleError }) => {
  // Not logged in yet (GET /api/me), then the wrong password.
  allowConsoleError(/status of 401/);
  await page.goto('/login');
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await expectAccessible(page, 'the login page');

  await page.getByLabel(/^Username/).fill(ADMIN.username);
  await page.getByLabel(/^Password/).fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('alert').waitFor();
  await expectAccessible(page, 'the login page with an error');
});

browserTest('every page of the app, as an administrator', async ({ page, fixtures }) => {
  await logInThroughApi(page.request, ADMIN);
  const { projectId, suiteId, caseId, cycleId, cycleCaseId } = fixtures;
  // Each page with a heading that shows it has loaded.
  const pages = [
    ['/integrations', 'Integrations'],
    ['/users', 'Users & roles'],
    ['/system', 'System'],
    ['/projects', 'Projects'],
    [`/projects/${projectId}/issues`, 'Web shop'],
    [`/projects/${projectId}/cases`, 'Web shop'],
    [`/projects/${projectId}/cases/${caseId}`, 'Web shop'],
    [`/projects/${projectId}/suites`, 'Web shop'],
    [`/projects/${projectId}/suites/${suiteId}`, 'Checkout', 2],
    [`/projects/${projectId}/cycles`, 'Web shop'],
    [`/projects/${projectId}/cycles/${cycleId}`, 'Sprint 1', 2],
    [`/projects/${projectId}/cycles/${cycleId}/run?case=${cycleCaseId}`, 'Running Sprint 1', 2],
    ['/me/jira-connections', 'My Jira connections'],
    ['/about', 'About'],
    ['/no-such-page', 'Page not found'],
  ];
  for (const [path, heading, level = 1] of pages) {
    await page.goto(path);
    await page.getByRole('heading', { name: heading, level }).waitFor();
    await page.getByRole('status', { name: 'Loading' }).waitFor({ state: 'detached' });
    await expectAccessible(page, path);
  }

  await page.goto('/users');
  await page.getByRole('tab', { name: 'Roles' }).click();
  await page.getByRole('tabpanel', { name: 'Roles' }).waitFor();
  await expectAccessible(page, 'the Roles tab');
});

browserTest('the API documentation', async ({ page }) => {
  await page.goto('/api/docs');
  await page.getByRole('heading', { level: 1 }).waitFor();
  await expectAccessible(page, '/api/docs');
});

browserTest('the OAuth callback page when the link is broken', async ({ page, allowConsoleError }) => {
  allowConsoleError(/status of 400/);
  await page.goto('/oauth/callback');
  await page.getByRole('heading', { level: 1 }).waitFor();
  await expectAccessible(page, 'the callback page without parameters');
});
