/**
 * One quality cycle over 1,000,000 predictions (last 7 days) and 300,000 feedback rows, in a
 * throwaway database on the test Postgres server (TEST_DATABASE_URL, else 127.0.0.1:5432).
 * Prints the first (cold) cycle, which aggregates everything, and the steady-state cycles,
 * which re-aggregate only the minutes that received rows since the previous cycle.
 *
 *   npm run bench:monitor -w server
 */
import { cpus, loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { QualityMonitor } from '../src/monitor/quality-monitor.ts';
import { createPartitionsAhead, dayMs } from '../src/storage/partitions.ts';
import { modelName, recordVersion, trainingProfile } from '../test/monitoring/seed-quality-rows.ts';
import { createTestDatabase } from '../test/support/database.ts';

const predictionCount = 1_000_000;
const feedbackCount = 300_000;
/** rows arriving between two steady-state cycles: 15 s (MONITOR_INTERVAL_MS) at ~20 predictions/s */
const predictionsPerCycle = 300;
const feedbackPerCycle = 90;
const steadyCycles = 20;

/** `receivedAt` null → now(); the seed is stamped an hour back, as rows already stored would be. */
async function insertPredictions(
  db: Parameters<typeof recordVersion>[0],
  count: number,
  spanMinutes: number,
  receivedAt: string | null,
) {
  await db.execute(sql`
    insert into predictions (id, created_at, received_at, model_name, model_version, label, prob_negative,
                             prob_positive, runtime, latency_ms, text_length, text_sha256, client_id, source,
                             shadow, token_count, unknown_token_rate)
    select gen_random_uuid(), now() - random() * ${spanMinutes} * interval '1 minute',
           coalesce(${receivedAt}::timestamptz, now()), ${modelName},
           (1 + i % 2)::text, case when r > 0.5 then 'positive' else 'negative' end, 1 - r, r,
           'wasm', 3, (20 + random() * 1000)::int, 'sha', 'client', 'simulator', i % 2 = 0, 50, random() * 0.12
      from (select i, random() as r from generate_series(1, ${count}) as i) as s`);
}

async function insertFeedback(
  db: Parameters<typeof recordVersion>[0],
  count: number,
  since: string,
  receivedAt: string | null,
) {
  await db.execute(sql`
    insert into feedback (prediction_id, event_id, label, created_at, received_at, client_id)
    select id, gen_random_uuid(), case when random() < 0.85 then label else 'negative' end, now(),
           coalesce(${receivedAt}::timestamptz, now()), 'client'
      from predictions where received_at >= ${since}::timestamptz
     order by random() limit ${count}
    on conflict (prediction_id) do update set label = excluded.label, received_at = excluded.received_at`);
}

const database = await createTestDatabase();
try {
  const seeding = performance.now();
  await recordVersion(database.db, '1', { training_profile: trainingProfile });
  await recordVersion(database.db, '2', { training_profile: trainingProfile });
  const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();
  // The days the seed spans have their partitions, as the monitor role made them ahead of time.
  for (let day = 8; day > 0; day -= 2) {
    await createPartitionsAhead(database.db, 0, new Date(Date.now() - day * dayMs));
  }
  await insertPredictions(database.db, predictionCount, 7 * 24 * 60, anHourAgo);
  await insertFeedback(database.db, feedbackCount, '-infinity', anHourAgo);
  await database.db.execute(sql`vacuum analyze`);
  console.log(
    `seeded ${predictionCount} predictions, ${feedbackCount} feedback in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  );

  const monitor = new QualityMonitor({ db: database.db, modelName });
  const timed = async () => {
    const started = performance.now();
    if (!(await monitor.runCycle())) throw new Error('bench: quality cycle failed');
    return performance.now() - started;
  };
  console.log(`cold cycle (aggregates all 7 days): ${(await timed()).toFixed(1)} ms`);

  const steady: number[] = [];
  for (let cycle = 0; cycle < steadyCycles; cycle++) {
    const [{ now }] = (await database.db.execute(sql`select now()::text as now`)) as unknown as [
      { now: string },
    ];
    await insertPredictions(database.db, predictionsPerCycle, 1, null);
    await insertFeedback(database.db, feedbackPerCycle, now, null);
    steady.push(await timed());
  }
  steady.sort((a, b) => a - b);
  const at = (q: number) =>
    steady[Math.min(steady.length - 1, Math.floor(q * steady.length))]!.toFixed(1);
  console.log(
    `steady cycle (+${predictionsPerCycle} predictions, +${feedbackPerCycle} feedback each), ${steadyCycles} cycles: ` +
      `median ${at(0.5)} ms, max ${steady.at(-1)!.toFixed(1)} ms (target ≤ 200 ms)`,
  );
  // Shared CI machines skew every figure above; say how busy this one was.
  console.log(`load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`);
} finally {
  await database.drop();
}
