/**
 * Quality cycles over 10,000,000 predictions (last 7 days) and 3,000,000 feedback rows, in a
 * throwaway database on the test Postgres server (TEST_DATABASE_URL, else 127.0.0.1:5432).
 * Prints the very first cycle (nothing stored yet: it aggregates the newest chunk of the week and
 * stores its per-minute rollups), the cycles that backfill the rest of the week, the steady-state
 * cycles, which re-aggregate only the minutes that received rows since the previous cycle, and
 * the first cycle of a monitor that starts (a deploy, a restart) with the rollups stored. Last, a
 * single pass over the whole week, which is what the very first cycle was before the backfill.
 *
 *   npm run bench:monitor -w server
 *   BENCH_MONITOR_PREDICTIONS=1000000 npm run bench:monitor -w server   # a quicker run
 */
import { cpus, loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/db/rows.ts';
import { QualityMonitor } from '../src/monitor/quality-monitor.ts';
import { createPartitionsAhead, dayMs } from '../src/storage/partitions.ts';
import { modelName, recordVersion, trainingProfile } from '../test/monitoring/seed-quality-rows.ts';
import { createTestDatabase } from '../test/support/database.ts';

const predictionCount = Number(process.env.BENCH_MONITOR_PREDICTIONS ?? 10_000_000);
/** Share of predictions with feedback, as in the 1,000,000 / 300,000 the figures began with. */
const feedbackShare = 0.3;
/** Seeded in chunks so a 10 M seed reports progress and never holds one giant transaction. */
const seedChunk = 1_000_000;
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

/**
 * Runs `load` with the table's indexes, primary key and unique constraints dropped, then builds them again as the
 * schema (or another migration, e.g. partitioning) defined them: one sort per index instead of
 * millions of random inserts into each, which is what makes a 10 M seed take minutes, not tens.
 */
async function withoutIndexes(
  db: Parameters<typeof recordVersion>[0],
  table: string,
  load: () => Promise<void>,
) {
  const keys = rowsOf<{ name: string; definition: string }>(
    await db.execute(sql`
      select conname as name, pg_get_constraintdef(oid) as definition
        from pg_constraint where conrelid = ${table}::regclass and contype in ('p', 'u')`),
  );
  const indexes = rowsOf<{ name: string; definition: string }>(
    await db.execute(sql`
      select indexname as name, indexdef as definition from pg_indexes
       where tablename = ${table} and indexname not in (
             select conname from pg_constraint where conrelid = ${table}::regclass)`),
  );
  for (const key of keys) {
    await db.execute(sql.raw(`alter table ${table} drop constraint ${key.name}`));
  }
  for (const index of indexes) await db.execute(sql.raw(`drop index ${index.name}`));
  await load();
  for (const key of keys) {
    await db.execute(sql.raw(`alter table ${table} add constraint ${key.name} ${key.definition}`));
  }
  // pg_indexes defines a partitioned table's index "ON ONLY" the parent, which would leave its
  // partitions without one; built on the parent itself, each partition gets its own again.
  for (const index of indexes) {
    await db.execute(sql.raw(index.definition.replace(' ON ONLY ', ' ON ')));
  }
}

/** Feedback on a random `share` of every prediction, without sorting millions of rows. */
async function sampleFeedback(
  db: Parameters<typeof recordVersion>[0],
  share: number,
  receivedAt: string,
) {
  await db.execute(sql`
    insert into feedback (prediction_id, prediction_created_at, event_id, label, created_at, received_at, client_id)
    select id, created_at, gen_random_uuid(), case when random() < 0.85 then label else 'negative' end, now(),
           ${receivedAt}::timestamptz, 'client'
      from predictions tablesample bernoulli (${sql.raw(String(share * 100))})`);
}

async function insertFeedback(
  db: Parameters<typeof recordVersion>[0],
  count: number,
  since: string,
  receivedAt: string | null,
) {
  await db.execute(sql`
    insert into feedback (prediction_id, prediction_created_at, event_id, label, created_at, received_at, client_id)
    select id, created_at, gen_random_uuid(), case when random() < 0.85 then label else 'negative' end, now(),
           coalesce(${receivedAt}::timestamptz, now()), 'client'
      from predictions where received_at >= ${since}::timestamptz
     order by random() limit ${count}
    on conflict (prediction_id, prediction_created_at) do update set label = excluded.label, received_at = excluded.received_at`);
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
  await withoutIndexes(database.db, 'predictions', async () => {
    for (let seeded = 0; seeded < predictionCount; seeded += seedChunk) {
      await insertPredictions(
        database.db,
        Math.min(seedChunk, predictionCount - seeded),
        7 * 24 * 60,
        anHourAgo,
      );
    }
  });
  await withoutIndexes(database.db, 'feedback', () =>
    sampleFeedback(database.db, feedbackShare, anHourAgo),
  );
  await database.db.execute(sql`vacuum analyze`);
  const [{ feedback }] = (await database.db.execute(
    sql`select count(*)::int as feedback from feedback`,
  )) as unknown as [{ feedback: number }];
  console.log(
    `seeded ${predictionCount.toLocaleString('en')} predictions, ${feedback.toLocaleString('en')} feedback in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  );

  // The scheduled monitor, which stores its rollups for the next one to start from.
  let monitor = new QualityMonitor({ db: database.db, modelName, writesRollups: true });
  const timed = async () => {
    const started = performance.now();
    if (!(await monitor.runCycle())) throw new Error('bench: quality cycle failed');
    return performance.now() - started;
  };
  const first = await timed();
  console.log(
    `very first cycle, nothing stored (the newest chunk of the week, stored as rollups): ${first.toFixed(1)} ms (target ≤ 2,000 ms); ` +
      `it covers the last ${(monitor.tracker.backfillRemainingMs() > 0 ? (Date.now() - monitor.tracker.partialSince('7d')!.getTime()) / 3_600_000 : 7 * 24).toFixed(1)} h`,
  );
  // The monitor runs these back to back (1 s apart) until the week is whole.
  const backfill = [first];
  while (monitor.tracker.backfillRemainingMs() > 0) backfill.push(await timed());
  console.log(
    `backfill: ${backfill.length} cycles to a whole week, the longest ${Math.max(...backfill).toFixed(1)} ms, ` +
      `${(backfill.reduce((sum, ms) => sum + ms, 0) / 1000).toFixed(1)} s of cycles in all`,
  );

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
  // Deploys: rows keep arriving while no monitor runs, then a new one starts.
  const restarts: string[] = [];
  for (let restart = 0; restart < 3; restart++) {
    await insertPredictions(database.db, predictionsPerCycle, 1, null);
    monitor = new QualityMonitor({ db: database.db, modelName, writesRollups: true });
    restarts.push((await timed()).toFixed(1));
  }
  console.log(
    `first cycle of a starting monitor (stored rollups + what arrived since), 3 starts: ${restarts.join(', ')} ms (target ≤ 2,000 ms)`,
  );
  // The very first cycle before the backfill: one pass over the week, in the same run.
  await database.db.execute(sql`truncate quality_minutes, quality_rollup_state`);
  monitor = new QualityMonitor({
    db: database.db,
    modelName,
    writesRollups: true,
    rowsPerCycle: Number.MAX_SAFE_INTEGER,
  });
  console.log(
    `one pass over the whole week (the very first cycle before the backfill): ${(await timed()).toFixed(1)} ms`,
  );
  // Shared CI machines skew every figure above; say how busy this one was.
  console.log(`load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`);
} finally {
  await database.drop();
}
