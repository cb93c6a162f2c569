import { after, before, test } from 'node:test';
import { launchChromium, runInPage } from './browser.mjs';
import { startJiraSimulator } from './jiraSimulator.mjs';
import { startTestbridge } from './testbridge.mjs';

/**
 * For one test file: starts Testbridge (and the Jira simulator if asked) and Chromium before its
 * tests and stops them after. Returns `browserTest(name, body)`, whose body gets
 * `{ page, allowConsoleError, testbridge, jira }` with a fresh browser context per test.
 */
export function browserSuite({ withJiraSimulator = false, testbridgeEnv = {} } = {}) {
  const running = {};

  before(async () => {
    const started = await Promise.allSettled([
      startTestbridge({ env: testbridgeEnv }),
      launchChromium(),
      withJiraSimulator ? startJiraSimulator() : undefined,
    ]);
    // Keep whatever did start, so that after() stops it even when something else failed.
    [running.testbridge, running.browser, running.jira] = started.map((outcome) => outcome.value);
    const failures = started.filter((outcome) => outcome.status === 'rejected').map((outcome) => outcome.reason);
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, 'could not start the test environment');
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
        body({ ...session, testbridge: running.testbridge, jira: running.jira }),
      ),
    );
  }

  return {
    browserTest,
    testbridge: () => running.testbridge,
    jira: () => running.jira,
  };
}
