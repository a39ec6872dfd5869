import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/db/rows.ts';
import { loadEnv } from '../src/env.ts';
import { createTestDatabase } from '../test/support/database.ts';
import { startServerProcess } from '../test/support/server-process.ts';
import { benchEvents, eventsPerBatch } from './events.bench.ts';
import { fairnessReport, measureFairness } from './fairness.bench.ts';
import { benchPredictRounds, predictSummary } from './predict.bench.ts';
import { report } from './report.ts';

/** Seconds per run; BENCH_DURATION_S shortens it for a smoke run. */
const durationS = Number(process.env.BENCH_DURATION_S ?? 10);
/** Seconds of load before each measured predict run. */
const warmUpS = 2;
/** Rounds of short then long predict; the summary gives medians and the long ÷ short ratio. */
const predictRuns = Number(process.env.BENCH_PREDICT_RUNS ?? 3);
/** `npm run bench -w server -- predict` runs the predict rounds alone (profiling, quick checks). */
const predictOnly = process.argv.includes('predict');
/**
 * A directory: the server runs with `--cpu-prof` and writes its .cpuprofile there on exit
 * (open it in Chrome DevTools or speedscope).
 */
const cpuProfileDir = process.env.BENCH_CPU_PROF_DIR;
/** Event batches sent: about 10 s at the 20,000 events/s target. */
const eventBatches = durationS * 200;

/** 200s the server itself answered on /api/predict, from its own /metrics. */
async function answeredPredictions(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter(
      (line) =>
        line.startsWith('http_requests_total{') &&
        line.includes('route="/api/predict"') &&
        line.includes('status="200"'),
    )
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

async function count(db: Awaited<ReturnType<typeof createTestDatabase>>['db'], runtime: string) {
  const rows = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from predictions where runtime = ${runtime}`),
  );
  return rows[0]?.n ?? 0;
}

/** What the server runs with when nothing is configured. */
const defaultLimits = loadEnv({});

const database = await createTestDatabase();
try {
  const server = await startServerProcess({
    ...(cpuProfileDir && { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] }),
    env: {
      DATABASE_URL: database.url,
      // The benches are one client hammering the server; the per-client limits would cap them.
      RATE_LIMIT_PER_SECOND: '0',
      INFERENCE_BUDGET_CHARS_PER_SECOND: '0',
    },
  });
  console.log(
    `polarity bench: ${server.url}, ${durationS} s per run after ${warmUpS} s of warm-up, 16 connections`,
  );
  let answered = 0;
  try {
    const rounds = await benchPredictRounds(
      server.url,
      { runs: predictRuns, durationS, warmUpS },
      ({ name, result, cpuUsPerRequest }) =>
        console.log(
          `${report(`predict ${name}`, result)}   server CPU ${Math.round(cpuUsPerRequest)} µs/request`,
        ),
    );
    console.log(predictSummary(rounds));
    // Requests cut off by the end of a run still finish on the server; count what it answered.
    await new Promise((resolve) => setTimeout(resolve, 500));
    answered = await answeredPredictions(server.url);
    if (!predictOnly) {
      const events = await benchEvents(server.url, eventBatches);
      console.log(
        report(`events (batches of ${eventsPerBatch})`, events, 'events/s', eventsPerBatch),
      );
      const stored = await count(database.db, 'wasm');
      const sent = events['2xx'] * eventsPerBatch;
      console.log(
        `events stored ${stored} of ${sent} acknowledged: ${stored === sent ? 'ok' : 'MISMATCH'}`,
      );
    }
  } finally {
    const code = await server.stop();
    const logged = await count(database.db, 'server');
    console.log(
      `server exit ${code}; server predictions logged ${logged} of ${answered} answered: ${logged === answered ? 'ok' : 'MISMATCH'}`,
    );
  }
  if (!predictOnly) {
    // One client's burst against the default per-client limits, on a server of its own.
    const defaults = await startServerProcess({
      // The shipped request and inference limits, which the fairness figures are about.
      env: {
        DATABASE_URL: database.url,
        RATE_LIMIT_PER_SECOND: String(defaultLimits.RATE_LIMIT_PER_SECOND),
      },
    });
    try {
      console.log(fairnessReport(await measureFairness(defaults.url)));
    } finally {
      await defaults.stop();
    }
  }
} finally {
  await database.drop();
}
