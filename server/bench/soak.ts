import { formatSoakReport, runSoak } from './soak/run-soak.ts';

/**
 * `npm run bench:soak -w server [-- --short]`: mixed traffic for 2 minutes (15 s with --short)
 * against a real server and a throwaway database on TEST_DATABASE_URL's server. Exits 1 on
 * any 5xx, RSS growth of 20% or more, or database counts that differ from what was sent.
 */
const short = process.argv.includes('--short');
const report = await runSoak({
  durationMs: short ? 15_000 : 120_000,
  log: (line) => console.log(line),
});
console.log(formatSoakReport(report));
const healthy = report.serverErrors === 0 && report.database.equal && report.rss.growthPercent < 20;
process.exit(healthy ? 0 : 1);
