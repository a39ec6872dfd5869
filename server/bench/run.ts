import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { rowsOf } from '../src/db/rows.ts';
import { loadEnv } from '../src/env.ts';
import { dayMs, dropExpiredPartitions, partitionName } from '../src/storage/partitions.ts';
import { createTestDatabase } from '../test/support/database.ts';
import { startBenchServer } from './bench-server.ts';
import { benchRows, copyCeiling } from './copy-ceiling.ts';
import { benchEvents, type EventsRun, eventsPerBatch, eventsSummary } from './events.bench.ts';
import { fairnessReport, measureFairness } from './fairness.bench.ts';
import { postgresCpuSeconds } from './postgres-cpu.ts';
import { benchPredictRounds, predictSummary } from './predict.bench.ts';
import { report } from './report.ts';

/** Seconds per run; BENCH_DURATION_S shortens it for a smoke run. */
const durationS = Number(process.env.BENCH_DURATION_S ?? 10);
/** Seconds of load before each measured predict run. */
const warmUpS = 2;
/** Event batches of 500 sent per run: about 10 s at 20,000 events/s. */
const eventBatches = durationS * 40;
/** Runs of the events bench, each with its COPY ceiling. */
const eventRuns = 3;
/** Rounds of short then long predict; the summary gives medians and the long ÷ short ratio. */
const predictRuns = Number(process.env.BENCH_PREDICT_RUNS ?? 3);
/** `npm run bench -w server -- predict` runs the predict rounds alone (profiling, quick checks). */
const predictOnly = process.argv.includes('predict');
/** `-- events` runs the events runs alone, each beside its COPY ceiling. */
const eventsOnly = process.argv.includes('events');
/**
 * A directory: the server runs with `--cpu-prof` and writes its .cpuprofile there on exit
 * (open it in Chrome DevTools or speedscope).
 */
const cpuProfileDir = process.env.BENCH_CPU_PROF_DIR;

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

type Db = Awaited<ReturnType<typeof createTestDatabase>>['db'];

async function count(db: Db, runtime: string, clientId?: string) {
  const rows = rowsOf<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from predictions
        where runtime = ${runtime} and (${clientId ?? null}::text is null or client_id = ${clientId ?? null})`,
    ),
  );
  return rows[0]?.n ?? 0;
}

/** Drops today's partition, full of the bench's rows, as retention would once it is old enough. */
async function dropDay(db: Db): Promise<string> {
  const today = partitionName(new Date());
  const [held] = rowsOf<{ n: number }>(
    await db.execute(sql.raw(`select count(*)::int as n from "${today}"`)),
  );
  const started = performance.now();
  const { dropped } = await dropExpiredPartitions(db, 8, new Date(Date.now() + 9 * dayMs));
  const ms = performance.now() - started;
  return `dropping ${dropped.length} day partitions, today's with ${(held?.n ?? 0).toLocaleString('en')} rows: ${Math.round(ms)} ms (target 1,000 ms)`;
}

/** What the server runs with when nothing is configured. */
const defaultLimits = loadEnv({});

const database = await createTestDatabase();
try {
  const server = await startBenchServer({
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
      { runs: eventsOnly ? 0 : predictRuns, durationS, warmUpS },
      ({ name, result, cpuUsPerRequest }) =>
        console.log(
          `${report(`predict ${name}`, result)}   server CPU ${Math.round(cpuUsPerRequest)} µs/request`,
        ),
    );
    if (!eventsOnly) console.log(predictSummary(rounds));
    // Requests cut off by the end of a run still finish on the server; count what it answered.
    await new Promise((resolve) => setTimeout(resolve, 500));
    answered = await answeredPredictions(server.url);
    if (!predictOnly) {
      // Each run beside its ceiling: COPY of as many rows of the same shape into the same table.
      const copier = postgres(database.url, { max: 16, onnotice: () => {} });
      let sent = 0;
      const runs: EventsRun[] = [];
      try {
        for (let run = 1; run <= eventRuns; run++) {
          const postgresBefore = await postgresCpuSeconds(copier);
          const {
            result: events,
            seconds,
            cpuUsPerEvent,
          } = await benchEvents(server.url, eventBatches);
          const postgresAfter = await postgresCpuSeconds(copier);
          const acknowledged = events['2xx'] * eventsPerBatch;
          const postgresUsPerEvent =
            postgresBefore === undefined || postgresAfter === undefined
              ? undefined
              : ((postgresAfter - postgresBefore) * 1e6) / acknowledged;
          const rate = acknowledged / seconds;
          sent += acknowledged;
          const ceiling = await copyCeiling(copier, benchRows(acknowledged, 'bench-copy'));
          const failed = events.non2xx + events.errors + events.timeouts;
          runs.push({ rate, ceiling, cpuUsPerEvent, postgresUsPerEvent });
          console.log(
            `events run ${run} (batches of ${eventsPerBatch})  ${Math.round(rate).toLocaleString('en').padStart(7)} events/s` +
              `   p50 ${events.latency.p50} ms   p99 ${events.latency.p99} ms   (${acknowledged} acknowledged, ${failed} batches failed)` +
              `   COPY ceiling ${Math.round(ceiling).toLocaleString('en')} rows/s, ratio ${((100 * rate) / ceiling).toFixed(0)} %` +
              `   server CPU ${cpuUsPerEvent.toFixed(1)} µs/event` +
              (postgresUsPerEvent === undefined
                ? ''
                : `, Postgres ${postgresUsPerEvent.toFixed(1)} µs/event`),
          );
        }
      } finally {
        await copier.end();
      }
      const stored = await count(database.db, 'wasm', 'bench');
      console.log(eventsSummary(runs));
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
  if (!predictOnly && !eventsOnly) {
    console.log(await dropDay(database.db));
    // One client's burst against the default per-client limits, on a server of its own.
    const defaults = await startBenchServer({
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

// The whole bench also prints the start-up and monitor figures (docs/scaling.md), each from its
// own script so that it measures a process of its own.
if (!predictOnly && !eventsOnly) {
  for (const script of ['start.ts', 'monitor.bench.ts']) {
    execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, script)], {
      stdio: 'inherit',
    });
  }
}
