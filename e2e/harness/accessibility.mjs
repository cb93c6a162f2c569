import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// Issue 14: axe-core on every page, zero serious or critical violations. The source is read once
// and injected into each page under test; nothing is loaded from the network.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');
const BLOCKING = new Set(['serious', 'critical']);

/** One line per violation and element: rule, impact, selector and what to do. */
export function describeViolations(violations) {
  return violations
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `- ${violation.id} (${violation.impact}) at ${node.target.join(' > ')}: ${violation.help}` +
          (node.failureSummary ? `\n    ${node.failureSummary.replaceAll('\n', '\n    ')}` : ''),
      ),
    )
    .join('\n');
}

/**
 * Runs axe-core on the page as it is now (dialogs open, a wizard step, an error state …) and
 * fails with a readable list of every serious or critical violation. `label` names the state.
 */
export async function expectAccessible(page, label) {
  // Transitions (Mantine modals fade in) would make colour contrast depend on the moment.
  await page.evaluate(() =>
    document
      .getAnimations()
      .filter((animation) => Number.isFinite(animation.effect?.getComputedTiming().endTime))
      .forEach((animation) => animation.finish()),
  );
  // Evaluated through the DevTools protocol rather than added as a <script>: Testbridge's
  // Content-Security-Policy rightly refuses inline scripts, and the test must not weaken it.
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  const { violations } = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ['violations'] }),
  );
  const blocking = violations.filter((violation) => BLOCKING.has(violation.impact));
  assert.equal(
    blocking.length,
    0,
    `accessibility of ${label} (${page.url()}): ${blocking.length} serious or critical violation(s)\n${describeViolations(blocking)}`,
  );
}
