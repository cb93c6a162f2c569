import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserSuite } from '../harness/suite.mjs';

const { browserTest, testbridge } = browserSuite();

const THIRTY_DAYS = 30 * 24 * 3600;

function maxAgeOf(response) {
  const match = /max-age=(\d+)/.exec(response.headers.get('cache-control') ?? '');
  return match ? Number(match[1]) : 0;
}

browserTest('a fresh start shows the first-run page in the app shell', async ({ page }) => {
  const response = await page.goto('/');

  assert.equal(response.status(), 200);
  await page.getByRole('heading', { name: 'Create the administrator' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/setup');
  // WCAG 2.4.2: every page names itself in the document's title.
  assert.equal(await page.title(), 'Create the administrator · Testbridge');
});

browserTest('a deep link reloads into the app', async ({ page }) => {
  const response = await page.goto('/about');

  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-type'], /^text\/html/);
  // No administrator yet, so the app sends every page to the first-run setup.
  await page.getByRole('heading', { name: 'Create the administrator' }).waitFor();

  await page.reload();
  await page.getByRole('heading', { name: 'Create the administrator' }).waitFor();
  assert.equal(await page.title(), 'Create the administrator · Testbridge');
});

test('index.html is never cached and hashed assets are cached for long', async () => {
  const { url } = testbridge();
  const index = await fetch(`${url}/`);
  assert.equal(index.status, 200);
  assert.match(index.headers.get('cache-control') ?? '', /no-cache/);

  const html = await index.text();
  const assetPaths = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
  assert.ok(assetPaths.length > 0, `index.html links no assets:\n${html}`);
  for (const path of assetPaths) {
    assert.match(path, /-[A-Za-z0-9_-]{8}\.(js|css)$/, `${path} has no content hash`);
    const asset = await fetch(`${url}${path}`);
    assert.equal(asset.status, 200, path);
    assert.ok(maxAgeOf(asset) >= THIRTY_DAYS, `${path}: Cache-Control ${asset.headers.get('cache-control')}`);
  }
});

test('unknown API paths answer 404 in the API error shape, not with the app', async () => {
  const answer = await fetch(`${testbridge().url}/api/no-such-thing`);

  assert.equal(answer.status, 404);
  const body = await answer.json();
  assert.equal(body.error.code, 'not_found');
});
