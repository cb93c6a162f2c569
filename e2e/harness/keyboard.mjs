import assert from 'node:assert/strict';

/**
 * Where keyboard focus is, for tests that work with the keyboard alone: a keyboard user can only
 * act where focus is, so these tests check it at every step.
 */

export async function isFocused(locator) {
  return locator.evaluate((element) => element === document.activeElement);
}

export async function expectFocus(locator, what) {
  // Focus moves in effects after a render: wait for it (briefly), then say where it is instead.
  const element = await locator.elementHandle();
  const arrived = await locator
    .page()
    .waitForFunction((target) => target === document.activeElement, element, { timeout: 5000 })
    .then(() => true, () => false);
  assert.ok(arrived, `focus should be on ${what}, is on ${await describeFocus(locator.page())}`);
}

export async function describeFocus(page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    return element ? `${element.tagName.toLowerCase()} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 60)}"` : 'nothing';
  });
}

/** Presses Tab until `locator` has focus; fails if it is not reached within `limit` presses. */
export async function tabTo(page, locator, what, limit = 60) {
  await locator.waitFor();
  for (let presses = 0; presses < limit; presses++) {
    if (await isFocused(locator)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${what}; focus is on ${await describeFocus(page)}`);
}
