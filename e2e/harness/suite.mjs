import { after, before, test } from 'node:test';
import { launchChromium, runInPage } from './browser.mjs';
import { freePort } from './javaProcess.mjs';
import { startJiraSimulator } from './jiraSimulator.mjs';
import { startTestbridge } from './testbridge.mjs';
import { NODES_FROM_ENVIRONMENT, requireBothNodesInEachTest, startTestbridgeBehindBalancer } from './twoNodes.mjs';

/**
 * The ports and settings that make Testbridge and the Jira simulator know each other: the
 * simulator's demo OAuth clients accept Testbridge's callback URL, and Testbridge sends Jira Cloud
 * authorization and API calls to the simulator (Data Center instances are registered by URL).
 */
export async function wiredToJiraSimulator(testbridgeEnv = {}) {
  const [testbridgePort, jiraPort] = await Promise.all([freePort(), freePort()]);
  const jiraUrl = `http://127.0.0.1:${jiraPort}`;
  return {
    testbridge: {
      port: testbridgePort,
      env: {
        TESTBRIDGE_ATLASSIAN_AUTH_URL: `${jiraUrl}/cloud/auth`,
        TESTBRIDGE_ATLASSIAN_API_URL: `${jiraUrl}/cloud/api`,
        ...testbridgeEnv,
      },
    },
    jira: {
      port: jiraPort,
      args: ['--redirect-uri', `http://127.0.0.1:${testbridgePort}/oauth/callback`],
    },
  };
}

/**
 * For one test file: starts Testbridge (and the Jira simulator if asked, wired to each other) and
 * Chromium before its tests and stops them after. Returns `browserTest(name, body)`, whose body
 * gets `{ page, context, allowConsoleError, testbridge, jira, fixtures }` with a fresh browser
 * context per test. `setUp({ testbridge, jira })` runs once everything is up (say, to create the
 * administrator through the API); what it returns is `fixtures`.
 * `nodes: 2` (default: `TESTBRIDGE_E2E_NODES`, else 1) runs Testbridge as two nodes behind a load
 * balancer (harness/twoNodes.mjs); `testbridge.url` is then the balancer's, and each test must
 * have been served by both nodes.
 */
export function browserSuite({ withJiraSimulator = false, testbridgeEnv = {}, setUp, nodes = NODES_FROM_ENVIRONMENT } = {}) {
  const running = {};
  const startServer = nodes === 2 ? startTestbridgeBehindBalancer : startTestbridge;
  if (nodes === 2) requireBothNodesInEachTest(() => running.testbridge);

  before(async () => {
    const wiring = withJiraSimulator ? await wiredToJiraSimulator(testbridgeEnv) : { testbridge: { env: testbridgeEnv } };
    const started = await Promise.allSettled([
      startServer(wiring.testbridge),
      launchChromium(),
      withJiraSimulator ? startJiraSimulator(wiring.jira) : undefined,
    ]);
    // Keep whatever did start, so that after() stops it even when something else failed.
    [running.testbridge, running.browser, running.jira] = started.map((outcome) => outcome.value);
    const failures = started.filter((outcome) => outcome.status === 'rejected').map((outcome) => outcome.reason);
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, 'could not start the test environment');
    if (setUp) running.fixtures = await setUp({ testbridge: running.testbridge, jira: running.jira });
  });

  after(async () => {
    const stopped = await Promise.allSettled([
      running.browser?.close(),
      running.testbridge?.stop(),
      running.jira?.stop(),
    ]);
    const problems = stopped.filter((outcome) => outcome.status === 'rejected').map((outcome) => outcome.reason);
    if (problems.length > 0) throw new AggregateError(problems, 'could not stop cleanly');
  });

  function browserTest(name, body, options = {}) {
    test(name, { timeout: 120_000, ...options }, (t) =>
      runInPage(t, running.browser, running.testbridge.url, (session) =>
        body({ ...session, testbridge: running.testbridge, jira: running.jira, fixtures: running.fixtures }),
      ),
    );
  }

  return {
    browserTest,
    testbridge: () => running.testbridge,
    jira: () => running.jira,
  };
}
