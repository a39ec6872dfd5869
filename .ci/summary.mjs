// Prints the pass counts of every test runner as the closing line CI reads.
import { existsSync, readFileSync } from 'node:fs';

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);
const vitest = read('reports/vitest.json');
const playwright = read('e2e/test-results/results.json');
// npm run test:docker's checks, or one skipped entry where .ci/run could not start an engine.
const docker = read('reports/docker.json');
if (!vitest || !playwright || !docker) {
  console.error(
    'summary: a test report is missing (reports/vitest.json, e2e/test-results/results.json, reports/docker.json)',
  );
  process.exit(1);
}
const passed = vitest.numPassedTests + playwright.stats.expected + docker.passed;
const failed = vitest.numFailedTests + playwright.stats.unexpected + docker.failed;
const skipped =
  vitest.numPendingTests + vitest.numTodoTests + playwright.stats.skipped + docker.skipped;
console.log(
  `vitest: ${vitest.numPassedTests} passed, playwright: ${playwright.stats.expected} passed, ` +
    (docker.reason
      ? `docker: skipped (${docker.reason})`
      : `docker: ${docker.passed} passed, ${docker.failed} failed`),
);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);
