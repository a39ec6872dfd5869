import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { openDatabase } from '../src/db/client.ts';
import type { PredictionRow } from '../src/ingest/event-rows.ts';
import {
  eventQueries,
  insertUnstoredPredictions,
  type PredictionValues,
  predictionColumnNames,
  predictionColumnTypes,
  predictionValues,
  storedSpan,
  valuesByPosition,
} from '../src/ingest/event-store.ts';
import { createTestDatabase } from '../test/support/database.ts';
import { copyLines, benchRows as rows } from './copy-ceiling.ts';
import { eventsPerBatch } from './events.bench.ts';
import { median } from './median.ts';
import { postgresCpuSeconds } from './postgres-cpu.ts';
import { createRetentionPartitions } from './retention-partitions.ts';

/**
 * `npm run bench:insert-stages -w server`: where Postgres' time for one batch of ingestion goes.
 * One connection sends batches of 500 of the bench's prediction rows, each statement doing a
 * little more of production's insert than the one before, and prints Postgres' CPU per row of
 * each (its backend's time in `/proc`); the stages run in turn, round after round, and the
 * medians come last. One connection, so the figures hold none of the lock waits and spinning of
 * 16; `bench:ingest-sql` measures those. BENCH_ROUNDS (6) and BENCH_BATCHES (40 a stage a round).
 */
const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const batchesPerStage = Number(process.env.BENCH_BATCHES ?? 40);

const columns = predictionColumnNames.join(', ');
const document = (batch: PredictionValues[]) => [JSON.stringify(batch)] as never;
const source = `with incoming as materialized (
  select ${valuesByPosition} from jsonb_array_elements($1::text::jsonb) as e)`;

/**
 * The same rows as one text of tab-separated lines split by `string_to_table` and
 * `string_to_array`, a way measured and not taken (see the README). Read by position without
 * unescaping: the bench's strings hold no tab, newline or backslash.
 */
const tabSeparated = (batch: PredictionValues[]) =>
  [
    batch.map((row) => row.map((v) => (v === null ? '\\N' : String(v))).join('\t')).join('\n'),
  ] as never;
const tabSeparatedColumns = predictionColumnNames
  .map((name, i) => `nullif(a[${i + 1}], E'\\\\N')::${predictionColumnTypes[i]} as ${name}`)
  .join(', ');

const database = await createTestDatabase();
const app = await openDatabase({ databaseUrl: database.url, dataDir: '', poolSize: 1 });
const client = postgres(database.url, { max: 1, onnotice: () => {} });

interface Batch {
  rows: PredictionRow[];
  values: PredictionValues[];
}
type Stage = (batch: Batch) => Promise<unknown>;
const stages: [string, Stage][] = [
  [
    'the jsonb document parsed',
    (b) => client.unsafe('select jsonb_typeof($1::text::jsonb)', document(b.values)),
  ],
  [
    '… its rows read by position, with the casts',
    (b) => client.unsafe(`${source} select count(*) from incoming`, document(b.values)),
  ],
  [
    '… inserted',
    (b) =>
      client.unsafe(
        `${source} insert into predictions (${columns}) select ${columns} from incoming`,
        document(b.values),
      ),
  ],
  [
    '… returning the ids',
    (b) =>
      client.unsafe(
        `${source} insert into predictions (${columns}) select ${columns} from incoming returning id`,
        document(b.values),
      ),
  ],
  [
    '… on conflict do nothing (no returning)',
    (b) =>
      client.unsafe(
        `${source} insert into predictions (${columns}) select ${columns} from incoming
           on conflict (id, created_at) do nothing`,
        document(b.values),
      ),
  ],
  [
    '… on conflict do nothing, returning the ids',
    (b) =>
      client.unsafe(
        `${source} insert into predictions (${columns}) select ${columns} from incoming
           on conflict (id, created_at) do nothing returning id`,
        document(b.values),
      ),
  ],
  [
    '… with the stored ids looked up and verdicts adopted (production)',
    (b) => eventQueries(app.db).insertPredictionValues(b.values),
  ],
  [
    '… the same, a unique violation instead of on conflict',
    (b) =>
      client.unsafe(
        `${source} ${insertUnstoredPredictions('incoming', storedSpan(b.values), 'fail')}`,
        document(b.values),
      ),
  ],
  [
    'tab-separated text, its rows read by position, with the casts',
    (b) =>
      client.unsafe(
        `with incoming as materialized (select ${tabSeparatedColumns}
           from string_to_table($1::text, E'\\n') as line, string_to_array(line, E'\\t') as a)
         select count(*) from incoming`,
        tabSeparated(b.values),
      ),
  ],
  [
    'COPY of the rows',
    async (b) => {
      const stream = await client.unsafe(`copy predictions (${columns}) from stdin`).writable();
      await pipeline(Readable.from([copyLines(b.rows)]), stream);
    },
  ],
];

function freshBatch(): Batch {
  const fresh = rows(eventsPerBatch);
  return { rows: fresh, values: fresh.map(predictionValues) };
}

try {
  const retentionDays = await createRetentionPartitions(app.db);
  // A table already holding rows, as production's does: its indexes have depth.
  for (let i = 0; i < 200; i++)
    await eventQueries(app.db).insertPredictionValues(freshBatch().values);
  console.log(
    `insert-stages bench: ${rounds} rounds of ${batchesPerStage} batches of ${eventsPerBatch} a stage, one connection, ${retentionDays} days of partitions`,
  );
  const perRow = new Map<string, number[]>(stages.map(([name]) => [name, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const [name, stage] of stages) {
      const batches = Array.from({ length: batchesPerStage }, freshBatch);
      const before = await postgresCpuSeconds(client);
      for (const batch of batches) await stage(batch);
      const after = await postgresCpuSeconds(client);
      if (before === undefined || after === undefined) {
        throw new Error(
          'insert-stages bench: Postgres must run on this machine to read its CPU time',
        );
      }
      const us = ((after - before) * 1e6) / (batchesPerStage * eventsPerBatch);
      perRow.get(name)!.push(us);
      console.log(
        `round ${round}: ${name.padEnd(66)} Postgres ${us.toFixed(1).padStart(5)} µs a row`,
      );
    }
  }
  for (const [name, values] of perRow) {
    console.log(
      `median: ${name.padEnd(66)} Postgres ${median(values).toFixed(1).padStart(5)} µs a row (${values.map((v) => v.toFixed(1)).join(', ')})`,
    );
  }
} finally {
  await client.end();
  await app.close();
  await database.drop();
}
