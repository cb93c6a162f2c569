import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach } from 'node:test';
import { freePort } from './javaProcess.mjs';
import { startLoadBalancer } from './loadBalancer.mjs';
import { startPostgres } from './postgres.mjs';
import { startTestbridge } from './testbridge.mjs';

/**
 * Scale-out for the browser tests: `TESTBRIDGE_E2E_NODES=2` makes every `browserSuite()` run
 * Testbridge as two nodes behind a round-robin load balancer (harness/loadBalancer.mjs), on one
 * throw-away PostgreSQL (harness/postgres.mjs), with no sticky sessions, as in docs/deploy.md.
 */
export const NODES_FROM_ENVIRONMENT = nodeCount(process.env.TESTBRIDGE_E2E_NODES);

function nodeCount(setting) {
  if (setting === undefined || setting === '' || setting === '1') return 1;
  if (setting === '2') return 2;
  throw new Error(`TESTBRIDGE_E2E_NODES must be 1 or 2, not ${setting}`);
}

/**
 * Starts PostgreSQL, the balancer (on `port`, or a free one) and two nodes that share the database,
 * the encryption key and the public URL (the balancer's, so that OAuth callbacks come through it).
 * Answers what `startTestbridge()` answers, `url` being the balancer's, plus `nodes` (each with its
 * own `url`, `logFile`, `stop()` and `kill()`) and `balancer` (`counts()`, `requests()`).
 */
export async function startTestbridgeBehindBalancer({ env = {}, port } = {}) {
  const started = [];
  const stopAll = async () => {
    // Last started, first stopped: the balancer, the nodes, then their database.
    const outcomes = [];
    for (const stop of started.splice(0).reverse()) outcomes.push(...(await Promise.allSettled([stop()])));
    const problems = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => outcome.reason);
    if (problems.length > 0) throw new AggregateError(problems, 'could not stop the two nodes cleanly');
  };
  try {
    const postgres = await startPostgres();
    started.push(() => postgres.stop());
    const nodePorts = await Promise.all([freePort(), freePort()]);
    const balancer = await startLoadBalancer({ backends: nodePorts.map((p) => `http://127.0.0.1:${p}`), port });
    const shared = {
      TESTBRIDGE_DB_URL: postgres.url,
      TESTBRIDGE_SECRET_KEY: randomBytes(32).toString('base64'),
      TESTBRIDGE_PUBLIC_URL: balancer.url,
      ...env,
    };
    // Both at once, as after a deployment: Flyway's lock lets one node migrate and the other wait.
    const nodes = await Promise.allSettled(
      nodePorts.map((nodePort, i) => startTestbridge({ name: `testbridge-node${i + 1}`, port: nodePort, env: shared })),
    );
    started.push(async () => {
      const stopped = await Promise.allSettled(nodes.filter((node) => node.status === 'fulfilled').map((node) => node.value.stop()));
      const problem = stopped.find((outcome) => outcome.status === 'rejected');
      if (problem) throw problem.reason;
    });
    started.push(() => balancer.stop());
    const failed = nodes.find((node) => node.status === 'rejected');
    if (failed) throw failed.reason;
    return {
      url: balancer.url,
      logFile: nodes.map((node) => node.value.logFile).join(', '),
      nodes: nodes.map((node) => node.value),
      balancer,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll().catch(() => {});
    throw error;
  }
}

/**
 * Makes every test of the file prove that it ran on both nodes: the balancer must have handed
 * each node at least one request during the test (round robin, so a test that makes two requests
 * or more does).
 */
export function requireBothNodesInEachTest(testbridge) {
  let before;
  beforeEach(() => {
    before = testbridge().balancer.counts();
  });
  afterEach(() => {
    if (!before) return; // nothing started
    const after = testbridge().balancer.counts();
    const served = after.map((count, i) => count - before[i]);
    assert.ok(served.every((count) => count > 0), `both nodes serve requests during the test (requests per node: ${served.join(', ')})`);
  });
}
