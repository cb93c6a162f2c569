import { fileURLToPath } from 'node:url';

const here = (relative) => fileURLToPath(new URL(relative, import.meta.url));

export const E2E_DIR = here('..');
// Overridable to test another build of the jars, e.g. a release candidate.
export const BACKEND_JAR = process.env.TESTBRIDGE_JAR ?? here('../../backend/target/testbridge.jar');
export const JIRA_SIMULATOR_JAR = process.env.JIRA_SIM_JAR ?? here('../../jira-sim/target/testbridge-jira-sim.jar');
export const LOGS_DIR = here('../target/logs');
export const SCREENSHOTS_DIR = here('../target/screenshots');

/** A name that is safe as a file name: "Fresh start → shell" becomes "fresh-start-shell". */
export function slug(text) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}
