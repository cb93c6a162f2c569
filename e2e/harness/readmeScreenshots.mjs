import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_DIR } from './paths.mjs';

/** `scripts/screenshots` sets this: the browser tests then also take the README's screenshots. */
export const README_SCREENSHOTS = process.env.TESTBRIDGE_README_SCREENSHOTS === '1';

export const README_SCREENSHOTS_DIR = join(E2E_DIR, '..', 'docs', 'screenshots');

/** The viewport of every test, so that README screenshots always have the same size. */
export const VIEWPORT = { width: 1280, height: 800 };

/**
 * Saves what the page shows now as docs/screenshots/<name>.png, only when README screenshots were
 * asked for; in normal runs it does nothing (every test's own screenshot goes to target/).
 */
export async function readmeScreenshot(page, name) {
  if (!README_SCREENSHOTS) return;
  mkdirSync(README_SCREENSHOTS_DIR, { recursive: true });
  // Finished transitions and no caret, so that a run gives the same picture as the last.
  await page.screenshot({ path: join(README_SCREENSHOTS_DIR, `${name}.png`), caret: 'hide', animations: 'disabled' });
}
