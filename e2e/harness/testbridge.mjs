import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startJar } from './javaProcess.mjs';
import { BACKEND_JAR } from './paths.mjs';

/**
 * Starts the fat jar as an operator would, on a free port with a fresh data directory (and so a
 * fresh embedded PostgreSQL). `stop()` sends SIGTERM, waits for the exit, and removes the data.
 * `port` is for callers that must know the URL beforehand (the Jira simulator's redirect URI).
 * `kill()` ends it with SIGKILL (a node lost), leaving the data for `stop()` to remove.
 */
export async function startTestbridge({ env = {}, port: chosenPort, name = 'testbridge' } = {}) {
  const port = chosenPort ?? (await freePort());
  const dataDir = await mkdtemp(join(tmpdir(), 'testbridge-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  let server;
  try {
    server = await startJar({
      name,
      jar: BACKEND_JAR,
      cwd: dataDir,
      env: {
        TESTBRIDGE_HTTP_HOST: '127.0.0.1',
        TESTBRIDGE_HTTP_PORT: String(port),
        TESTBRIDGE_DATA_DIR: dataDir,
        TESTBRIDGE_PUBLIC_URL: url,
        ...env,
      },
      readinessUrl: `${url}/health`,
    });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    dataDir,
    logFile: server.logFile,
    kill: server.kill,
    async stop() {
      try {
        return await server.stop();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}
