import assert from 'node:assert/strict';
import { freePort, startJar } from './javaProcess.mjs';
import { JIRA_SIMULATOR_JAR } from './paths.mjs';

/**
 * Starts the Jira simulator on a free port; `url` is its base, `/_control` its control API.
 * `args` are passed on, e.g. ['--redirect-uri', `${testbridge.url}/oauth/callback`].
 */
export async function startJiraSimulator({ args = [], port: chosenPort } = {}) {
  const port = chosenPort ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const simulator = await startJar({
    name: 'jira-sim',
    jar: JIRA_SIMULATOR_JAR,
    args: ['--host', '127.0.0.1', '--port', String(port), ...args],
    readinessUrl: `${url}/_control`,
  });
  return { url, logFile: simulator.logFile, stop: simulator.stop };
}

/** A Cloud site of its own in the simulator, so that a test's instance URL is unique. */
export async function addSimulatedSite(jira, name) {
  const response = await fetch(`${jira.url}/_control/sites`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  assert.ok(response.ok, `adding site ${name}: ${response.status}`);
  return `${jira.url}/cloud/sites/${name}`;
}

/** Injects a fault: the body of POST /_control/faults (jira-sim/README.md, "Control API" and "Faults"). */
export async function addJiraFault(jira, fault) {
  const response = await fetch(`${jira.url}/_control/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(fault),
  });
  assert.equal(response.status, 200, await response.text());
}
