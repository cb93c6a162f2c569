import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './javaProcess.mjs';

const run = promisify(execFile);
const running = new Set();

// pg_ctl starts the server in the background, not as our child: if the test process dies, stop it
// here rather than leave a cluster running (the same as scripts/check-external-db's trap).
process.once('exit', () => {
  for (const cluster of running) cluster.stopNow();
});

/** The newest installed PostgreSQL's bin directory (Debian: /usr/lib/postgresql/<major>/bin). */
async function postgresBin() {
  const root = '/usr/lib/postgresql';
  const versions = await readdir(root).catch(() => []);
  const newest = versions.filter((v) => /^\d+$/.test(v)).sort((x, y) => Number(y) - Number(x))[0];
  if (!newest) throw new Error(`no PostgreSQL server in ${root}: apt-get install postgresql (scripts/install-test-tools does)`);
  return join(root, newest, 'bin');
}

/**
 * A throw-away cluster of Debian's PostgreSQL on a free loopback port, like
 * scripts/check-external-db: initdb in a temporary folder (as the `postgres` user when we are
 * root, since PostgreSQL refuses to run as root), password authentication, a `testbridge` role that
 * owns a `testbridge` database. `url` is what TESTBRIDGE_DB_URL takes; `stop()` stops the server
 * and removes the folder.
 */
export async function startPostgres() {
  const bin = await postgresBin();
  const port = await freePort();
  const work = await mkdtemp(join(tmpdir(), 'testbridge-e2e-pg-'));
  await chmod(work, 0o755);
  const asRoot = process.getuid?.() === 0;
  const asPostgres = (command, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]);
  const adminPassword = randomBytes(12).toString('hex');
  const appPassword = randomBytes(12).toString('hex');
  const dataDir = join(work, 'pg');
  const pgCtl = join(bin, 'pg_ctl');
  let started = false;

  const stopNow = () => {
    running.delete(cluster);
    if (started) spawnSync(...asPostgres(pgCtl, ['-D', dataDir, '-m', 'immediate', 'stop']), { stdio: 'ignore' });
  };
  const cluster = { stopNow };

  try {
    await writeFile(join(work, 'pwfile'), `${adminPassword}\n`, { mode: 0o600 });
    if (asRoot) {
      ensurePostgresUser();
      const { uid, gid } = postgresIds();
      await chown(work, uid, gid);
      await chown(join(work, 'pwfile'), uid, gid);
    }
    await run(...asPostgres(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${join(work, 'pwfile')}`]));
    running.add(cluster);
    started = true;
    await run(
      ...asPostgres(pgCtl, [
        '-D', dataDir, '-l', join(work, 'postgres.log'), '-w', '-t', '60',
        '-o', `-p ${port} -k ${work} -c listen_addresses=127.0.0.1 -c fsync=off`,
        'start',
      ]),
    );
    await run('psql', ['-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1',
      '-c', `CREATE ROLE testbridge LOGIN PASSWORD '${appPassword}'`,
      '-c', 'CREATE DATABASE testbridge OWNER testbridge'], { env: { ...process.env, PGPASSWORD: adminPassword } });
  } catch (error) {
    stopNow();
    await rm(work, { recursive: true, force: true });
    throw new Error(`could not start a PostgreSQL cluster: ${error.stderr || error.message}`);
  }

  return {
    url: `postgresql://testbridge:${appPassword}@127.0.0.1:${port}/testbridge`,
    port,
    async stop() {
      running.delete(cluster);
      try {
        await run(...asPostgres(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop']));
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    },
  };
}

function ensurePostgresUser() {
  if (spawnSync('id', ['postgres'], { stdio: 'ignore' }).status !== 0) {
    execFileSync('useradd', ['--system', '--no-create-home', 'postgres']);
  }
}

function postgresIds() {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
  return { uid, gid };
}
