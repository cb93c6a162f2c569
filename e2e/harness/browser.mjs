import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { chromium } from 'playwright-core';
import { expectAccessible } from './accessibility.mjs';
import { SCREENSHOTS_DIR, slug } from './paths.mjs';
import { VIEWPORT } from './readmeScreenshots.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, headless. Playwright gives every launch a new, empty user-data dir. The
 * background-networking flags keep Chromium from calling home, which this machine's network refuses.
 */
export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A fresh browser context and page on `baseURL` that records console errors and uncaught page
 * errors. `allowConsoleError(pattern)` marks one the test itself provokes, such as a 403.
 */
export async function openPage(browser, baseURL) {
  const context = await browser.newContext({ baseURL, viewport: VIEWPORT });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems = [];
  const allowed = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url } = message.location();
    problems.push(`console error: ${message.text()}${url ? ` (${url})` : ''}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.stack ?? error.message}`));
  return {
    context,
    page,
    allowConsoleError: (pattern) => allowed.push(pattern),
    unexpectedProblems: () => problems.filter((problem) => !allowed.some((pattern) => pattern.test(problem))),
  };
}

/**
 * Runs `body` with a fresh page, checks the accessibility of the page it ends on, saves a screenshot whatever happens
 * (target/screenshots/<file>--<test>[--FAILED].png), then fails the test if the page logged errors.
 */
export async function runInPage(t, browser, baseURL, body) {
  const session = await openPage(browser, baseURL);
  let failure;
  try {
    await body(session);
    // Every test also checks the accessibility of the page it ends on (issue 14).
    if (session.page.url() !== 'about:blank') await expectAccessible(session.page, `the end of "${t.name}"`);
  } catch (error) {
    failure = error;
  }
  const unexpected = session.unexpectedProblems();
  const failed = failure !== undefined || unexpected.length > 0;
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const file = `${basename(t.filePath ?? process.argv[1] ?? 'test', '.test.mjs')}--${slug(t.name)}${failed ? '--FAILED' : ''}.png`;
  await session.page
    .screenshot({ path: join(SCREENSHOTS_DIR, file), fullPage: true })
    .catch((error) => t.diagnostic(`no screenshot: ${error.message}`));
  await session.context.close();
  if (failure) throw failure;
  assert.deepEqual(unexpected, [], 'the page logged errors');
}
