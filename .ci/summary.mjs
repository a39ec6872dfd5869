// Prints the pass counts of every test runner as the closing line CI reads.
import { existsSync, readFileSync } from 'node:fs';

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);
const vitest = read('reports/vitest.json');
const playwright = read('e2e/test-results/results.json');
if (!vitest || !playwright) {
  console.error(
    'summary: a test report is missing (reports/vitest.json, e2e/test-results/results.json)',
  );
  process.exit(1);
}
const passed = vitest.numPassedTests + playwright.stats.expected;
const failed = vitest.numFailedTests + playwright.stats.unexpected;
const skipped = vitest.numPendingTests + vitest.numTodoTests + playwright.stats.skipped;
console.log(
  `vitest: ${vitest.numPassedTests} passed, playwright: ${playwright.stats.expected} passed`,
);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);
