import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { E2E_DIR } from '../harness/paths.mjs';
import { startTestbridge } from '../harness/testbridge.mjs';
import { ADMIN, apiClient, ensureAdministrator } from '../harness/testbridgeApi.mjs';

// Issue 27: "a CI recipe that works from the first try". The recipes of docs/automation.md are run
// as written — curl, the GitHub Actions step (bash, GitHub's ${{ }} filled in as GitHub would) and
// the GitLab CI after_script (POSIX sh: dash) — against the jar, with a personal API token, on two
// Surefire reports; each must import both files' tests into its own cycle.

const run = promisify(execFile);
const DOCS = join(E2E_DIR, '..', 'docs', 'automation.md');
const report = (name, failing) => `<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="shop.${name}" tests="2" failures="${failing ? 1 : 0}" time="0.9">
  <testcase classname="shop.${name}" name="first" time="0.4"/>
  <testcase classname="shop.${name}" name="second" time="0.5">${failing ? '<failure message="boom">java.lang.AssertionError: boom</failure>' : ''}</testcase>
</testsuite>
`;

let app;
let admin;
let project;
let token;
let workspace;
let docs;

before(async () => {
  app = await startTestbridge();
  await ensureAdministrator(app.url);
  admin = await apiClient(app.url, ADMIN);
  project = await admin.post('/api/projects', { key: 'CI', name: 'Pipelines' });
  const expiresAt = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
  token = (await admin.post('/api/me/api-tokens', { name: 'recipes', scopes: ['results:write'], expiresAt })).secret;
  // A checkout after `mvn verify` (and `gradle test`): the reports where the recipes look for them.
  workspace = await mkdtemp(join(tmpdir(), 'testbridge-ci-'));
  for (const folder of ['target/surefire-reports', 'build/test-results/test']) {
    await mkdir(join(workspace, folder), { recursive: true });
    await writeFile(join(workspace, folder, 'TEST-shop.CartTest.xml'), report('CartTest', false));
    await writeFile(join(workspace, folder, 'TEST-shop.PayTest.xml'), report('PayTest', true));
  }
  docs = await readFile(DOCS, 'utf8');
});

after(async () => {
  await admin?.dispose();
  await app?.stop();
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

/** The fenced block of `language` that follows `heading` (and contains `marker`, if given). */
function block(heading, language, marker = '') {
  const section = docs.slice(docs.indexOf(heading));
  assert.ok(docs.includes(heading), `docs/automation.md has no "${heading}"`);
  for (const match of section.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))) {
    if (match[1].includes(marker)) return match[1];
  }
  assert.fail(`no ${language} block with "${marker}" after "${heading}"`);
}

/** The example server and project of the docs, made ours. */
function here(script) {
  return script.replaceAll('https://testbridge.example.com', app.url).replaceAll('/api/projects/3/results', `/api/projects/${project.id}/results`);
}

async function runScript(shell, script, env = {}) {
  const { stdout } = await run(shell, ['-e', '-c', script], {
    cwd: workspace,
    env: { PATH: process.env.PATH, TESTBRIDGE_TOKEN: token, TESTBRIDGE_URL: app.url, TESTBRIDGE_PROJECT: String(project.id), ...env },
  });
  return JSON.parse(stdout);
}

function assertImported(answer, cycleName, files) {
  assert.equal(answer.cycle.name, cycleName);
  assert.equal(answer.cycle.created, true);
  assert.equal(answer.tests, 2 * files);
  assert.equal(answer.outcomes.failed, 1, "PayTest#second fails in every upload");
  assert.equal(answer.files.length, files);
}

test('the curl recipes: one report as the body, and every report of a build in one upload', async () => {
  const [one, every] = [block('## curl', 'sh', '--data-binary'), block('## curl', 'sh', 'set --')];
  assertImported(await runScript('sh', here(one.replaceAll('TEST-io.example.FooTest.xml', 'TEST-shop.PayTest.xml'))), 'Build 512', 1);
  // The same Idempotency-Key with other content is refused, as the docs say: so this one runs as a new build.
  const answer = await runScript('sh', here(every.replaceAll('build-512', 'build-513').replaceAll('Build 512', 'Build 513')));
  assertImported(answer, 'Build 513', 2);
});

const GITHUB = { workflow: 'CI', run_number: '41', run_id: '9001', run_attempt: '1', sha: 'c0ffee', os: 'Linux', job: 'test', 'job-index': '0' };

test('the GitHub Actions step, in bash as GitHub runs it, once per job of a matrix', async () => {
  const yaml = block('## GitHub Actions', 'yaml');
  const script = yaml
    .slice(yaml.indexOf('run: |') + 'run: |'.length)
    .split('\n')
    .map((line) => line.replace(/^ {10}/, ''))
    .join('\n')
    .replace(/\$\{\{ (github|runner|strategy)\.([\w-]+) \}\}/g, (_, scope, name) => GITHUB[name]);
  assert.doesNotMatch(script, /\$\{\{|undefined/, 'every expression filled in');
  assert.match(yaml, /shell: bash/, 'bash also on Windows runners');
  const linux = await runScript('bash', script);
  assertImported(linux, 'CI #41 (Linux)', 2);
  // Another job of the same run (a matrix leg): its own key, so its own results rather than a 409.
  const windows = await runScript('bash', script.replaceAll('Linux', 'Windows').replace('-test-0"', '-test-1"'));
  assertImported(windows, 'CI #41 (Windows)', 2);
  assert.notEqual(windows.importId, linux.importId);
});

test('the GitLab CI job, in POSIX sh (dash), with the variables it declares', async () => {
  const yaml = block('## GitLab CI', 'yaml');
  const script = yaml
    .slice(yaml.indexOf('- |') + '- |'.length)
    .split('\n')
    .map((line) => line.replace(/^ {6}/, ''))
    .join('\n');
  // The job's own variables, as GitLab sets them (the server's URL made ours); the token is the project's masked variable.
  const declared = Object.fromEntries([...yaml.matchAll(/^ {4}(TESTBRIDGE_\w+): "?([^"\n]*)"?$/gm)].map(([, name, value]) => [name, value]));
  assert.deepEqual(Object.keys(declared).sort(), ['TESTBRIDGE_PROJECT', 'TESTBRIDGE_URL'], 'the job declares what its script uses');
  const answer = await runScript('dash', here(script), {
    TESTBRIDGE_URL: here(declared.TESTBRIDGE_URL),
    TESTBRIDGE_PROJECT: String(project.id),
    CI_PIPELINE_ID: '77',
    CI_JOB_ID: '5',
    CI_PIPELINE_IID: '12',
    CI_JOB_NAME: 'test',
    CI_COMMIT_SHORT_SHA: 'abc123',
  });
  assertImported(answer, 'Pipeline 12 (test)', 2);
  assert.equal(answer.cycle.build, 'abc123');
});

test('the Gradle file list finds the reports Gradle writes', async () => {
  const gradle = block('**Gradle**', 'sh', 'build/test-results');
  const every = block('## curl', 'sh', 'set --');
  // The curl of the recipe above, with Gradle's loop instead of Maven's.
  const curl = every.slice(every.indexOf('curl'));
  const answer = await runScript('sh', here(gradle + curl.replaceAll('build-512', 'gradle-1').replaceAll('Build 512', 'Gradle 1')));
  assertImported(answer, 'Gradle 1', 2);
});
