import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.ts';
import { applyMigrations } from '../../src/db/migrations.ts';
import { rowsOf } from '../../src/db/rows.ts';
import { feedback, predictions } from '../../src/db/schema.ts';
import { sqlStateOf } from '../../src/ingest/database-errors.ts';
import type { PredictionRow } from '../../src/ingest/event-rows.ts';
import { eventQueries, predictionValues } from '../../src/ingest/event-store.ts';
import { maintainStorage, partitionDaysAhead } from '../../src/storage/maintenance.ts';
import {
  createPartitionsAhead,
  dayMs,
  dayPartitions,
  dropExpiredPartitions,
  feedbackTable,
  partitionName,
} from '../../src/storage/partitions.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { migrationsBefore } from '../support/migrations.ts';

/** The migration that partitions predictions. */
const partitioning = '0004_partition_by_day';

let serial = 0;
function row(createdAt: Date, overrides: Partial<PredictionRow> = {}): PredictionRow {
  serial++;
  return {
    id: `00000000-0000-4000-8000-${serial.toString(16).padStart(12, '0')}`,
    createdAt,
    modelName: 'polarity-sentiment',
    modelVersion: '1',
    label: serial % 2 ? 'positive' : 'negative',
    probNegative: 0.3,
    probPositive: 0.7,
    runtime: 'wasm',
    latencyMs: 2,
    textLength: 4,
    text: `row ${serial}`,
    textSha256: 'b'.repeat(64),
    clientId: 'partition-test',
    source: 'web',
    ...overrides,
  };
}

const daysAgo = (days: number, now = new Date()) => new Date(now.getTime() - days * dayMs);

async function countOf(db: DatabaseHandle['db'], relation: string): Promise<number> {
  const [found] = rowsOf<{ n: number }>(
    await db.execute(sql.raw(`select count(*)::int as n from "${relation}"`)),
  );
  return found?.n ?? 0;
}

describe('the partitioning migration keeps every row (real Postgres)', () => {
  it('moves rows of every day, old and new, into day partitions; nothing is lost or changed', async () => {
    const admin = postgres(
      process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      { max: 1, onnotice: () => {} },
    );
    const name = `polarity_test_migrate_${process.pid}`;
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    const url = new URL(
      process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    );
    url.pathname = `/${name}`;
    const before = migrationsBefore(partitioning);
    const handle = await openDatabase({ databaseUrl: url.href, dataDir: '' });
    try {
      const connection = postgres(url.href, { max: 1, onnotice: () => {} });
      await migrate(drizzle(connection), { migrationsFolder: before.folder });
      await connection.end();
      const now = new Date();
      const rows = [
        row(new Date('2001-03-04T05:06:07Z')),
        row(daysAgo(40)),
        row(daysAgo(40)),
        row(daysAgo(1)),
        row(now, { text: null }),
        row(new Date(now.getTime() + 20 * 3_600_000)),
      ];
      await handle.db.insert(predictions).values(rows);
      // feedback as its schema was before migration 0006
      await handle.db.execute(sql`
        insert into feedback (prediction_id, event_id, label, created_at, client_id)
        values (${rows[0]?.id}, '11111111-1111-4111-8111-111111111111', 'negative',
                ${now.toISOString()}, 'partition-test')`);
      const snapshot = async () =>
        (await handle.db.select().from(predictions).orderBy(predictions.id)).map((stored) => ({
          ...stored,
        }));
      const stored = await snapshot();

      await applyMigrations(handle, url.href);

      expect(await snapshot()).toEqual(stored);
      expect(await countOf(handle.db, 'predictions_default')).toBe(0);
      expect(await countOf(handle.db, 'feedback')).toBe(1);
      const partitions = (await dayPartitions(handle.db)).map((p) => p.name);
      for (const held of rows) expect(partitions).toContain(partitionName(held.createdAt));
      expect(partitions).toContain(partitionName(new Date(now.getTime() + 3 * dayMs)));
      const [kind] = rowsOf<{ relkind: string }>(
        await handle.db.execute(sql`select relkind from pg_class where relname = 'predictions'`),
      );
      expect(kind?.relkind).toBe('p');
    } finally {
      await handle.close();
      before.remove();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});

/** The same maintenance on Postgres and on the embedded PGlite. */
describe.each([
  ['Postgres', async () => createTestDatabase()],
  [
    'PGlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'polarity-pglite-'));
      const handle = await openDatabase({ dataDir: dir });
      await applyMigrations(handle, undefined);
      return {
        ...handle,
        drop: async () => {
          await handle.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
] as const)('day partitions on %s', (_, open) => {
  let database: Pick<TestDatabase, 'db' | 'drop'>;
  const db = () => database.db;

  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database?.drop();
  });
  beforeEach(async () => {
    await db().execute(sql`truncate predictions, feedback`);
  });

  it('creates the days ahead, and a day created late takes its rows out of the default partition', async () => {
    const later = new Date(Date.now() + 30 * dayMs);
    const early = row(new Date(later.getTime() + 12 * 3_600_000));
    expect(await eventQueries(db()).insertPredictions([early])).toEqual(new Set([early.id]));
    expect(await countOf(db(), 'predictions_default')).toBe(1);

    const created = await createPartitionsAhead(db(), partitionDaysAhead, later);
    expect(created).toContain(partitionName(early.createdAt));
    expect(created).toContain(partitionName(early.createdAt, feedbackTable));
    // yesterday to `partitionDaysAhead` days ahead, in predictions and in feedback
    expect(created).toHaveLength(2 * (partitionDaysAhead + 2));
    expect(await countOf(db(), 'predictions_default')).toBe(0);
    expect(await countOf(db(), partitionName(early.createdAt))).toBe(1);
    // A second pass finds every day there.
    expect(await createPartitionsAhead(db(), partitionDaysAhead, later)).toEqual([]);
    // The moved row is still the one stored: a resend is a duplicate.
    expect(await eventQueries(db()).insertPredictions([early])).toEqual(new Set());
  });

  it('retention drops whole days past the limit and keeps the rest', async () => {
    const now = new Date();
    await createPartitionsAhead(db(), 0, daysAgo(100, now));
    await createPartitionsAhead(db(), 0, daysAgo(95, now));
    const old = [row(daysAgo(100, now)), row(daysAgo(95, now))];
    const recent = [row(daysAgo(89, now)), row(now)];
    // a day that never got its partition: its row waits in the default partition
    const stray = row(daysAgo(300, now));
    await eventQueries(db()).insertPredictions([...old, ...recent, stray]);
    const verdict = (predictionId: string, eventId: string, createdAt: Date) => ({
      predictionId,
      eventId,
      label: 'positive',
      createdAt,
      clientId: 'partition-test',
    });
    await eventQueries(db()).upsertFeedback([
      verdict(old[0]?.id ?? '', '22222222-2222-4222-8222-222222222222', daysAgo(100, now)),
      verdict(recent[0]?.id ?? '', '33333333-3333-4333-8333-333333333333', daysAgo(2, now)),
      verdict(recent[1]?.id ?? '', '44444444-4444-4444-8444-444444444444', now),
      verdict(stray.id, '55555555-5555-4555-8555-555555555555', daysAgo(300, now)),
      // on predictions never stored: the old one goes, the recent one waits on
      verdict(
        '66666666-6666-4666-8666-666666666666',
        '77777777-7777-4777-8777-777777777777',
        daysAgo(91, now),
      ),
      verdict(
        '88888888-8888-4888-8888-888888888888',
        '99999999-9999-4999-8999-999999999999',
        daysAgo(1, now),
      ),
    ]);

    const report = await maintainStorage(db(), 90, now);
    expect(report.dropped).toEqual(
      expect.arrayContaining(
        old.flatMap((expired) => [
          partitionName(expired.createdAt),
          partitionName(expired.createdAt, feedbackTable),
        ]),
      ),
    );
    // the stray prediction and its verdict, from the two default partitions
    expect(report).toMatchObject({ defaultRows: 2, awaitingRows: 1, adopted: 0 });
    const kept = (await db().select({ id: predictions.id }).from(predictions)).map((r) => r.id);
    expect(kept.sort()).toEqual(recent.map((r) => r.id).sort());
    const partitions = (await dayPartitions(db())).map((p) => p.name);
    expect(partitions).not.toContain(partitionName(old[0]?.createdAt ?? now));
    expect(partitions).toContain(partitionName(now));
    expect(
      (await db().select({ id: feedback.predictionId }).from(feedback)).map((f) => f.id).sort(),
    ).toEqual([...recent.map((r) => r.id), '88888888-8888-4888-8888-888888888888'].sort());
    // a verdict lives in the partition of its prediction's day
    expect(await countOf(db(), partitionName(now, feedbackTable))).toBe(1);
    // Nothing left to drop on a second pass.
    expect((await dropExpiredPartitions(db(), 90, now)).dropped).toEqual([]);
  });

  it('stores every value as sent, whatever characters the array literal must escape', async () => {
    const texts = [
      'NULL',
      'null',
      '"quoted"',
      'back\\slash\\',
      '{braces},commas',
      ' spaced ',
      "it's",
      '\u200f\u05e9\u05dc\u05d5\u05dd 😀',
      '',
    ];
    const sent = texts.map((text) => row(new Date(), { text, clientId: `c,"${text}"` }));
    sent.push(
      row(new Date(), { text: null, tokenCount: 7, unknownTokenRate: 0.125, shadow: true }),
    );
    await eventQueries(db()).insertPredictions(sent);
    const stored = await db().select().from(predictions);
    for (const expected of sent) {
      expect(stored.find((r) => r.id === expected.id)).toMatchObject({
        text: expected.text,
        clientId: expected.clientId,
        createdAt: expected.createdAt,
        tokenCount: expected.tokenCount ?? null,
        unknownTokenRate: expected.unknownTokenRate ?? null,
        shadow: expected.shadow ?? false,
      });
    }
  });

  it('one row per id: a resend is a no-op; the same id within a day, even across midnight, is a duplicate', async () => {
    const midnight = Math.floor(Date.now() / dayMs) * dayMs;
    const first = row(new Date(midnight - 1_800_000));
    const queries = eventQueries(db());
    expect(await queries.insertPredictions([first])).toEqual(new Set([first.id]));
    expect(await queries.insertPredictions([first])).toEqual(new Set());
    const restamped = { ...first, createdAt: new Date(midnight + 1_800_000), label: 'negative' };
    expect(partitionName(restamped.createdAt)).not.toBe(partitionName(first.createdAt));
    expect(await queries.insertPredictions([restamped])).toEqual(new Set());
    const stored = await db().select().from(predictions);
    expect(stored).toEqual([expect.objectContaining({ id: first.id, label: first.label })]);
    expect(stored[0]?.createdAt.toISOString()).toBe(first.createdAt.toISOString());
    // An id reused days later is another event, keyed (id, created_at): the limit of the check.
    const reused = { ...first, createdAt: new Date(midnight - 3 * dayMs) };
    expect(await queries.insertPredictions([reused])).toEqual(new Set([first.id]));
  });

  it("a stored key fails an insert with 'fail' and is skipped with 'skip'; the look-up leaves it out with either", async () => {
    const first = row(new Date());
    const queries = eventQueries(db());
    const values = [predictionValues(first)];
    // Server ids skip the look-up, so only the key decides.
    expect(await queries.insertPredictionValues(values, 'server', 'fail')).toEqual(
      new Set([first.id]),
    );
    const failed = await queries.insertPredictionValues(values, 'server', 'fail').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(sqlStateOf(failed)).toBe('23505');
    expect(await queries.insertPredictionValues(values, 'server', 'skip')).toEqual(new Set());
    expect(await queries.insertPredictionValues(values, 'client', 'fail')).toEqual(new Set());
    expect(await db().select().from(predictions)).toHaveLength(1);
  });
});
