import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { freePort } from '../harness/javaProcess.mjs';
import { E2E_DIR } from '../harness/paths.mjs';
import { apiClient } from '../harness/testbridgeApi.mjs';

// scripts/demo as a new user runs it on a fresh clone: it waits until Testbridge is ready (not only
// until the database answers), seeds, and prints what to open; run again on the same data it finds
// everything once; when Testbridge cannot start it says so in one sentence naming the log.

const SCRIPT = join(E2E_DIR, '..', 'scripts', 'demo');
const BANNER = 'Testbridge demo is running.';

function runDemo(env) {
  // its own process group, so stopping it stops the script, Testbridge and the simulator together
  const child = spawn('bash', [SCRIPT], { env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    output: () => output,
    exited,
    /** Resolves with true once the banner is printed, false if the script ended first. */
    printedBanner: () => new Promise((resolve) => {
      const check = () => output.includes(BANNER) && resolve(true);
      child.stdout.on('data', check);
      exited.then(() => resolve(output.includes(BANNER)));
      check();
    }),
    async stop() {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await exited;
    },
  };
}

async function demoWorld(url) {
  const admin = await apiClient(url, { username: 'admin', password: 'demo admin password' });
  try {
    const project = (await admin.get('/api/projects')).items.find((candidate) => candidate.key === 'DEMO');
    const cycles = (await admin.get(`/api/projects/${project.id}/cycles`)).items;
    return {
      users: (await admin.get('/api/users')).items.map((user) => user.username).sort(),
      instances: (await admin.get('/api/integrations')).items.map((instance) => instance.name).sort(),
      projects: (await admin.get('/api/projects')).items.length,
      cases: (await admin.get(`/api/projects/${project.id}/cases`)).items.map((item) => item.title).sort(),
      suites: (await admin.get(`/api/projects/${project.id}/suites`)).items.length,
      cycles: cycles.map((cycle) => cycle.name),
      cycleCases: (await admin.get(`/api/cycles/${cycles[0].id}/cases`)).items.length,
    };
  } finally {
    await admin.dispose();
  }
}

test('the demo starts ready to click through, and a second run on the same data finds everything once', { timeout: 600_000 }, async () => {
  const env = { DEMO_PORT: String(await freePort()), DEMO_JIRA_PORT: String(await freePort()), DEMO_DATA: mkdtempSync(join(tmpdir(), 'demo-')) };
  const url = `http://localhost:${env.DEMO_PORT}`;

  const first = runDemo(env);
  let firstWorld;
  try {
    assert.ok(await first.printedBanner(), `the first run printed:\n${first.output()}`);
    firstWorld = await demoWorld(url);
  } finally {
    await first.stop();
  }
  assert.deepEqual(firstWorld.users, ['admin', 'tester']);
  assert.equal(firstWorld.instances.length, 3);
  assert.deepEqual(firstWorld.cases, ['Log in with a password', 'Log in with single sign-on', 'Pay by card']);
  assert.equal(firstWorld.cycleCases, 3);

  const second = runDemo(env);
  try {
    assert.ok(await second.printedBanner(), `the second run printed:\n${second.output()}`);
    assert.deepEqual(await demoWorld(url), firstWorld, 'nothing made twice');
  } finally {
    await second.stop();
  }
});

test('when Testbridge cannot start, the demo says so in a sentence that names the log', { timeout: 300_000 }, async () => {
  // something else already answers on the demo's port
  const squatter = createServer((request, response) => response.writeHead(404).end());
  await new Promise((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  const env = { DEMO_PORT: String(squatter.address().port), DEMO_JIRA_PORT: String(await freePort()), DEMO_DATA: mkdtempSync(join(tmpdir(), 'demo-')) };
  const demo = runDemo(env);
  try {
    assert.equal(await demo.exited, 1, demo.output());
    assert.match(demo.output(), new RegExp(`demo: Testbridge did not become ready on port ${env.DEMO_PORT} .*${env.DEMO_DATA}/testbridge\\.log`));
    assert.doesNotMatch(demo.output(), /Traceback|KeyError/);
  } finally {
    await demo.stop();
    await new Promise((resolve) => squatter.close(resolve));
  }
});
