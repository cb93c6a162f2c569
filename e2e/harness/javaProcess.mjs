import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { LOGS_DIR } from './paths.mjs';

const POLL_INTERVAL_MS = 250;
const STOP_DEADLINE_MS = 30_000;
const running = new Set();

// If the test process dies, take the servers with it rather than leaving them bound to ports.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function javaExecutable() {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Starts `java -jar <jar>`, sends its output to target/logs/<name>-<time>.log, and resolves once
 * `readinessUrl` answers `readyStatus`. Polls until `deadlineMs`; fails early if the process exits.
 */
export async function startJar({ name, jar, args = [], env = {}, cwd, readinessUrl, readyStatus = 200, deadlineMs = 60_000 }) {
  if (!existsSync(jar)) throw new Error(`${jar} is missing: build it first (mvn -B install -DskipTests)`);
  mkdirSync(LOGS_DIR, { recursive: true });
  const logFile = join(LOGS_DIR, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
  const log = openSync(logFile, 'a');
  const child = spawn(javaExecutable(), ['-jar', jar, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
  });
  closeSync(log); // the child keeps its own descriptor
  running.add(child);
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      running.delete(child);
      resolve({ code: null, signal: null, error });
    });
  });
  let exit;
  void exited.then((result) => (exit = result));

  const stop = async () => {
    if (exit) return exit;
    child.kill('SIGTERM');
    const result = await Promise.race([exited, delay(STOP_DEADLINE_MS, null, { ref: false })]);
    if (result === null) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`${name} did not stop within ${STOP_DEADLINE_MS / 1000} s of SIGTERM; see ${logFile}`);
    }
    return result;
  };

  // Sudden death, as when a machine fails: no shutdown hook runs. Resolves once the process is gone.
  const kill = async (signal = 'SIGKILL') => {
    if (!exit) child.kill(signal);
    return exited;
  };

  const deadline = Date.now() + deadlineMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (exit) {
      const how = exit.error ? exit.error.message : `exit code ${exit.code}, signal ${exit.signal}`;
      throw new Error(`${name} stopped before it was ready (${how}); last lines of ${logFile}:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(readinessUrl, { signal: AbortSignal.timeout(2_000) });
      if (response.status === readyStatus) return { name, logFile, stop, kill };
      lastProblem = `${readinessUrl} answered ${response.status}`;
    } catch (error) {
      lastProblem = `${readinessUrl}: ${error.cause?.code ?? error.message}`;
    }
    await delay(POLL_INTERVAL_MS);
  }
  await stop().catch(() => {});
  throw new Error(`${name} was not ready within ${deadlineMs / 1000} s (${lastProblem}); last lines of ${logFile}:\n${tail(logFile)}`);
}
