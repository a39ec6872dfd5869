import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase } from '../src/db/client.ts';
import { rowsOf } from '../src/db/rows.ts';
import type { PredictionRow } from '../src/ingest/event-rows.ts';
import {
  eventQueries,
  insertUnstoredPredictions,
  predictionValues,
  storedSpan,
} from '../src/ingest/event-store.ts';
import { createTestDatabase } from '../test/support/database.ts';
import { columns, copyCeiling, copyLines, benchRows as rows } from './copy-ceiling.ts';
import { eventsPerBatch } from './events.bench.ts';
import { postgresCpuSeconds } from './postgres-cpu.ts';
import { createRetentionPartitions } from './retention-partitions.ts';

/**
 * `npm run bench:ingest-sql -w server`: the database side of ingestion alone, without HTTP.
 * 16 connections store batches of 500 prediction rows (the bench's events) with each way of
 * writing them, every one idempotent; then the ceiling, `COPY` of the same rows into the same
 * table. Run after run, so they share the machine's state; BENCH_ROWS sets the rows per way.
 */
const rowsPerRun = Number(process.env.BENCH_ROWS ?? 100_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const connections = 16;

type Client = postgres.Sql;

/** A row as `json_to_recordset` reads it: how production sent its rows until issue 18. */
function predictionRecord(row: PredictionRow) {
  return {
    id: row.id,
    created_at: row.createdAt.toISOString(),
    model_name: row.modelName,
    model_version: row.modelVersion,
    label: row.label,
    prob_negative: row.probNegative,
    prob_positive: row.probPositive,
    runtime: row.runtime,
    latency_ms: row.latencyMs,
    text_length: row.textLength,
    text: row.text ?? null,
    text_sha256: row.textSha256,
    client_id: row.clientId,
    source: row.source,
    shadow: row.shadow ?? false,
    token_count: row.tokenCount ?? null,
    unknown_token_rate: row.unknownTokenRate ?? null,
    caveat: row.caveat ?? null,
  };
}

/** Each way stores one batch and returns how many rows it inserted. */
/** The other ways measured; production's is `eventQueries().insertPredictions`. */
const ways: Record<string, (client: Client, batch: PredictionRow[]) => Promise<number>> = {
  async 'insert from unnest of one array per column'(client, batch) {
    const inserted = await client.unsafe(
      `with incoming as materialized (
      select * from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[],
        $6::float8[], $7::float8[], $8::text[], $9::float8[], $10::int4[], $11::text[], $12::text[],
        $13::text[], $14::text[], $15::bool[], $16::int4[], $17::float8[], $18::text[])
        as r(${columns.join(', ')}))
      ${insertUnstoredPredictions('incoming', storedSpan(batch.map(predictionValues)))}`,
      [
        batch.map((row) => row.id),
        batch.map((row) => row.createdAt.toISOString()),
        batch.map((row) => row.modelName),
        batch.map((row) => row.modelVersion),
        batch.map((row) => row.label),
        batch.map((row) => row.probNegative),
        batch.map((row) => row.probPositive),
        batch.map((row) => row.runtime),
        batch.map((row) => row.latencyMs),
        batch.map((row) => row.textLength),
        batch.map((row) => row.text ?? null),
        batch.map((row) => row.textSha256),
        batch.map((row) => row.clientId),
        batch.map((row) => row.source),
        batch.map((row) => (row.shadow ? 't' : 'f')),
        batch.map((row) => row.tokenCount ?? null),
        batch.map((row) => row.unknownTokenRate ?? null),
        batch.map((row) => row.caveat ?? null),
      ] as never,
    );
    return inserted.length;
  },
  async 'insert from json_to_recordset of one JSON document with keys (until issue 18)'(
    client,
    batch,
  ) {
    const inserted = await client.unsafe(
      `with incoming as materialized (
        select * from json_to_recordset($1::json) as r(id uuid, created_at timestamptz,
          model_name text, model_version text, label text, prob_negative float8,
          prob_positive float8, runtime text, latency_ms float8, text_length int4, text text,
          text_sha256 text, client_id text, source text, shadow bool, token_count int4,
          unknown_token_rate float8, caveat text))
      ${insertUnstoredPredictions('incoming', storedSpan(batch.map(predictionValues)))}`,
      [batch.map(predictionRecord)] as never,
    );
    return inserted.length;
  },
  async 'COPY into a staging table, merged with on conflict'(client, batch) {
    return client.begin(async (tx) => {
      await tx.unsafe(
        'create temp table if not exists predictions_stage (like predictions including defaults) on commit delete rows',
      );
      const stream = await tx
        .unsafe(`copy predictions_stage (${columns.join(', ')}) from stdin`)
        .writable();
      await pipeline(Readable.from([copyLines(batch)]), stream);
      const inserted = await tx.unsafe(`
        with incoming as materialized (select * from predictions_stage)
        ${insertUnstoredPredictions('incoming', storedSpan(batch.map(predictionValues)))}`);
      return inserted.length;
    }) as Promise<number>;
  },
};

interface Measured {
  rate: number;
  inserted: number;
  /** this process's CPU time per row (building and sending the statements), µs */
  clientUs: number;
  /** Postgres' backends' CPU time per row, µs, where its processes are visible */
  postgresUs: number | undefined;
}

/** Runs `store` over `all` in batches of 500 from 16 connections. */
async function measure(
  all: PredictionRow[],
  store: (batch: PredictionRow[]) => Promise<number>,
): Promise<Measured> {
  const batches: PredictionRow[][] = [];
  for (let i = 0; i < all.length; i += eventsPerBatch)
    batches.push(all.slice(i, i + eventsPerBatch));
  let inserted = 0;
  const postgresBefore = await postgresCpuSeconds(client);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let batch = batches.pop(); batch; batch = batches.pop()) {
        const stored = await store(batch);
        inserted += stored;
      }
    }),
  );
  const rate = all.length / ((performance.now() - started) / 1000);
  const cpu = process.cpuUsage(cpuBefore);
  const postgresAfter = await postgresCpuSeconds(client);
  return {
    rate,
    inserted,
    clientUs: (cpu.user + cpu.system) / all.length,
    postgresUs:
      postgresBefore === undefined || postgresAfter === undefined
        ? undefined
        : ((postgresAfter - postgresBefore) * 1e6) / all.length,
  };
}

const database = await createTestDatabase();
const app = await openDatabase({ databaseUrl: database.url, dataDir: '', poolSize: connections });
const client = postgres(database.url, { max: connections, onnotice: () => {} });
const line = (name: string, rate: number, note = '') =>
  console.log(
    `${name.padEnd(58)} ${Math.round(rate).toLocaleString('en').padStart(9)} rows/s ${note}`,
  );
try {
  const retentionDays = await createRetentionPartitions(app.db);
  console.log(
    `ingest-sql bench: ${retentionDays} days of partitions, ${runs} runs of ${rowsPerRun.toLocaleString('en')} rows per way, batches of ${eventsPerBatch}, ${connections} connections`,
  );
  const count = async () =>
    rowsOf<{ n: number }>(await app.db.execute(sql`select count(*)::int as n from predictions`))[0]
      ?.n ?? 0;
  const production = 'insert from one jsonb document of positional rows (production)';
  const all: [string, (batch: PredictionRow[]) => Promise<number>][] = [
    [production, async (batch) => (await eventQueries(app.db).insertPredictions(batch)).size],
    ...Object.entries(ways).map(
      ([name, store]): [string, (batch: PredictionRow[]) => Promise<number>] => [
        name,
        (batch) => store(client, batch),
      ],
    ),
  ];
  for (let run = 1; run <= runs; run++) {
    // Each run starts with another way, so none always follows the previous run's COPY.
    const order = all.map((_, i) => all[(i + run - 1) % all.length]);
    let productionRate = 0;
    for (const [name, store] of order.flatMap((way) => (way ? [way] : []))) {
      const fresh = rows(rowsPerRun);
      const result = await measure(fresh, store);
      const resent = await measure(fresh, store);
      if (name === production) productionRate = result.rate;
      line(
        `run ${run}: ${name}`,
        result.rate,
        `(${result.inserted} stored; sent again, ${resent.inserted} stored)   CPU per row: ` +
          `this process ${result.clientUs.toFixed(1)} µs` +
          (result.postgresUs === undefined ? '' : `, Postgres ${result.postgresUs.toFixed(1)} µs`),
      );
    }
    const ceiling = await copyCeiling(client, rows(rowsPerRun));
    line(`run ${run}: ceiling, COPY of as many rows into predictions`, ceiling);
    line(
      `run ${run}: production / ceiling`,
      productionRate,
      `${((100 * productionRate) / ceiling).toFixed(0)} %`,
    );
  }
  console.log(`rows in predictions: ${(await count()).toLocaleString('en')}`);
} finally {
  await client.end();
  await app.close();
  await database.drop();
}
