import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.ts';
import { applyMigrations } from '../../src/db/migrations.ts';
import { rowsOf } from '../../src/db/rows.ts';
import { feedback, predictions } from '../../src/db/schema.ts';
import type { FeedbackRow, PredictionRow } from '../../src/ingest/event-rows.ts';
import { eventQueries } from '../../src/ingest/event-store.ts';
import { QualityMonitor } from '../../src/monitor/quality-monitor.ts';
import { adoptAwaitingFeedback } from '../../src/storage/awaiting-feedback.ts';
import {
  dayMs,
  dayPartitions,
  feedbackTable,
  partitionName,
} from '../../src/storage/partitions.ts';
import { modelName, recordVersion, trainingProfile } from '../monitoring/seed-quality-rows.ts';
import { testServerUrl } from '../support/database.ts';
import { migrationsBefore } from '../support/migrations.ts';

const feedbackPartitioning = '0006_partition_feedback_by_day';

let serial = 0;
const uuid = (group: string) =>
  `00000000-0000-4000-${group}-${(++serial).toString(16).padStart(12, '0')}`;

function prediction(createdAt: Date, id = uuid('8000')): PredictionRow {
  return {
    id,
    createdAt,
    modelName,
    modelVersion: '1',
    label: 'positive',
    probNegative: 0.2,
    probPositive: 0.8,
    runtime: 'wasm',
    latencyMs: 2,
    textLength: 5,
    text: 'great',
    textSha256: 'c'.repeat(64),
    clientId: 'feedback-partition-test',
    source: 'web',
  };
}

function verdict(predictionId: string, createdAt: Date, label = 'negative'): FeedbackRow {
  return {
    predictionId,
    eventId: uuid('9000'),
    label,
    createdAt,
    clientId: 'feedback-partition-test',
  };
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

/** Where each verdict lives, and the prediction time it is keyed by ('-infinity' while awaiting). */
async function placement(db: DatabaseHandle['db']) {
  return rowsOf<{ event_id: string; partition: string; prediction_created_at: string }>(
    await db.execute(sql`
      select event_id, tableoid::regclass::text as partition,
             case when prediction_created_at = '-infinity' then '-infinity'
                  else to_char(prediction_created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
             end as prediction_created_at
        from feedback order by event_id`),
  );
}

interface Engine {
  handle: DatabaseHandle;
  /** migrations up to, not including, `tag` */
  migrateBefore(tag: string): Promise<void>;
  migrateRest(): Promise<void>;
  drop(): Promise<void>;
}

const engines: [string, () => Promise<Engine>][] = [
  [
    'Postgres',
    async () => {
      const admin = postgres(testServerUrl, { max: 1, onnotice: () => {} });
      const name = `polarity_test_feedback_${process.pid}_${++serial}`;
      await admin.unsafe(`create database ${name}`);
      const url = new URL(testServerUrl);
      url.pathname = `/${name}`;
      const handle = await openDatabase({ databaseUrl: url.href, dataDir: '' });
      return {
        handle,
        async migrateBefore(tag) {
          const before = migrationsBefore(tag);
          const connection = postgres(url.href, { max: 1, onnotice: () => {} });
          try {
            await migratePostgres(drizzle(connection), { migrationsFolder: before.folder });
          } finally {
            await connection.end();
            before.remove();
          }
        },
        migrateRest: () => applyMigrations(handle, url.href),
        async drop() {
          await handle.close();
          await admin.unsafe(`drop database if exists ${name} with (force)`);
          await admin.end();
        },
      };
    },
  ],
  [
    'PGlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'polarity-pglite-'));
      const handle = await openDatabase({ dataDir: dir });
      return {
        handle,
        async migrateBefore(tag) {
          const before = migrationsBefore(tag);
          try {
            await migratePglite(handle.db as unknown as PgliteDatabase, {
              migrationsFolder: before.folder,
            });
          } finally {
            before.remove();
          }
        },
        migrateRest: () => applyMigrations(handle, undefined),
        async drop() {
          await handle.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
];

describe.each(engines)('the feedback partitioning migration on %s', (_, open) => {
  it('keys every stored verdict by its prediction day, in that day, losing and changing nothing', async () => {
    const engine = await open();
    const { db } = engine.handle;
    try {
      await engine.migrateBefore(feedbackPartitioning);
      const today = prediction(hoursAgo(2));
      const old = prediction(new Date(Date.now() - 40 * dayMs));
      // one id stored at two times more than a day apart: two events (event-store.ts)
      const reused = uuid('8000');
      const earlier = prediction(new Date(Date.now() - 10 * dayMs), reused);
      const later = prediction(new Date(Date.now() - 3 * dayMs), reused);
      await db.insert(predictions).values([today, old, earlier, later]);
      const verdicts = [
        verdict(today.id, hoursAgo(1)),
        verdict(old.id, hoursAgo(1)),
        verdict(uuid('8000'), hoursAgo(1)),
        verdict(reused, hoursAgo(1)),
      ];
      // feedback as its schema was before the migration
      for (const v of verdicts) {
        await db.execute(sql`
          insert into feedback (prediction_id, event_id, label, created_at, client_id)
          values (${v.predictionId}, ${v.eventId}, ${v.label}, ${v.createdAt.toISOString()},
                  ${v.clientId})`);
      }
      const columns = sql`prediction_id, event_id, label, created_at, received_at, client_id`;
      const before = rowsOf(await db.execute(sql`select ${columns} from feedback order by 2`));
      const predictionsBefore = rowsOf(await db.execute(sql`select * from predictions order by 1`));

      await engine.migrateRest();

      expect(rowsOf(await db.execute(sql`select ${columns} from feedback order by 2`))).toEqual(
        before,
      );
      expect(rowsOf(await db.execute(sql`select * from predictions order by 1`))).toEqual(
        predictionsBefore,
      );
      const where = Object.fromEntries((await placement(db)).map((row) => [row.event_id, row]));
      const [onToday, onOld, onUnknown, onReused] = verdicts.map((v) => where[v.eventId]);
      expect(onToday).toMatchObject({
        partition: partitionName(today.createdAt, feedbackTable),
        prediction_created_at: today.createdAt.toISOString(),
      });
      // the predictions of a day with no partition wait in the default; so do their verdicts
      expect(onOld).toMatchObject({
        partition: 'feedback_default',
        prediction_created_at: old.createdAt.toISOString(),
      });
      expect(onUnknown).toMatchObject({
        partition: 'feedback_awaiting',
        prediction_created_at: '-infinity',
      });
      expect(onReused?.prediction_created_at).toBe(later.createdAt.toISOString());

      const [kind] = rowsOf<{ relkind: string }>(
        await db.execute(sql`select relkind from pg_class where relname = 'feedback'`),
      );
      expect(kind?.relkind).toBe('p');
      const days = async (table?: typeof feedbackTable) =>
        (await dayPartitions(db, table)).map((p) => p.day.toISOString());
      expect(await days(feedbackTable)).toEqual(await days());
      // Event ids are still found wherever their rows went, so a resend stores nothing.
      const queries = eventQueries(db);
      expect(
        [...(await queries.storedFeedbackEventIds(verdicts.map((v) => v.eventId)))].sort(),
      ).toEqual(verdicts.map((v) => v.eventId).sort());
      expect(await queries.upsertFeedback(verdicts)).toEqual(new Set());
      expect(await placement(db)).toHaveLength(verdicts.length);
    } finally {
      await engine.drop();
    }
  });
});

describe.each(engines)('feedback keyed by its prediction day on %s', (_, open) => {
  let engine: Engine;
  const db = () => engine.handle.db;

  /**
   * Stores a prediction with a plain insert, not ingestion's statement that adopts the verdicts
   * waiting for it, as a concurrent transaction blind to those verdicts would.
   */
  const storeBypassingIngestion = (stored: { id: string; createdAt: Date }) =>
    db().execute(sql`
      insert into predictions (id, created_at, model_name, model_version, label, prob_negative,
                               prob_positive, runtime, latency_ms, text_length, text_sha256,
                               client_id, source)
      values (${stored.id}, ${stored.createdAt.toISOString()}, ${modelName}, '1', 'positive', 0.2,
              0.8, 'wasm', 2, 5, 'sha', 'c', 'web')`);

  beforeAll(async () => {
    engine = await open();
    await engine.migrateRest();
    await recordVersion(engine.handle.db, '1', { training_profile: trainingProfile });
  });
  afterAll(async () => {
    await engine?.drop();
  });
  beforeEach(async () => {
    await db().execute(sql`truncate predictions, feedback, quality_minutes, quality_rollup_state`);
  });

  it.each([
    ['from a client', 'client'],
    ['logged by this server', 'server'],
  ] as const)(
    'a verdict before its prediction waits, then joins its day when the prediction comes %s',
    async (_, ids) => {
      const queries = eventQueries(db());
      const judged = prediction(hoursAgo(3));
      const early = verdict(judged.id, hoursAgo(2));
      expect(await queries.upsertFeedback([early])).toEqual(new Set([early.eventId]));
      expect(await placement(db())).toEqual([
        {
          event_id: early.eventId,
          partition: 'feedback_awaiting',
          prediction_created_at: '-infinity',
        },
      ]);

      expect(await queries.insertPredictions([judged], ids)).toEqual(new Set([judged.id]));
      expect(await placement(db())).toEqual([
        {
          event_id: early.eventId,
          partition: partitionName(judged.createdAt, feedbackTable),
          prediction_created_at: judged.createdAt.toISOString(),
        },
      ]);
      // Still one verdict per prediction: a later one replaces it, a resent one is a duplicate.
      const late = verdict(judged.id, hoursAgo(1), 'positive');
      expect(await queries.upsertFeedback([late])).toEqual(new Set([late.eventId]));
      expect(await queries.upsertFeedback([early])).toEqual(new Set());
      expect(await queries.storedFeedbackEventIds([early.eventId, late.eventId])).toEqual(
        new Set([late.eventId]),
      );
      expect((await placement(db())).map((row) => row.event_id)).toEqual([late.eventId]);

      // The monitor counts it, joined on the whole key.
      const monitor = new QualityMonitor({ db: db(), modelName });
      expect(await monitor.runCycle()).toBe(true);
      expect(monitor.tracker.figures('24h')).toEqual([
        expect.objectContaining({ version: '1', predictions: 1, feedback: 1 }),
      ]);
    },
  );

  it('the sweep moves a verdict its prediction could not see, and the later verdict wins', async () => {
    const queries = eventQueries(db());
    // Stored while the prediction was being stored in a concurrent transaction, blind to each other.
    const [newer, older] = [prediction(hoursAgo(5)), prediction(hoursAgo(5))];
    const awaitingNewer = verdict(newer.id, hoursAgo(1), 'positive');
    const awaitingOlder = verdict(older.id, hoursAgo(3), 'positive');
    await queries.upsertFeedback([awaitingNewer, awaitingOlder]);
    for (const stored of [newer, older]) await storeBypassingIngestion(stored);
    // Verdicts that came after, found the prediction and were stored under its day.
    const between = verdict(newer.id, hoursAgo(2), 'negative');
    const latest = verdict(older.id, hoursAgo(2), 'negative');
    await queries.upsertFeedback([between, latest]);
    // A row written without the time (as a hand-made insert would) parks with the awaiting ones.
    const handMade = prediction(hoursAgo(4));
    await queries.insertPredictions([handMade]);
    const unlocated = verdict(handMade.id, hoursAgo(1));
    await db().insert(feedback).values(unlocated);
    expect(
      (await placement(db())).filter((row) => row.partition === 'feedback_awaiting'),
    ).toHaveLength(3);

    const [{ before } = { before: '' }] = rowsOf<{ before: string }>(
      await db().execute(sql`select max(received_at)::text as before from feedback`),
    );
    expect(await adoptAwaitingFeedback(db())).toMatchObject({ adopted: 3 });

    expect(await placement(db())).toEqual(
      [
        { event_id: awaitingNewer.eventId, judged: newer },
        { event_id: latest.eventId, judged: older },
        { event_id: unlocated.eventId, judged: handMade },
      ]
        .map(({ event_id, judged }) => ({
          event_id,
          partition: partitionName(judged.createdAt, feedbackTable),
          prediction_created_at: judged.createdAt.toISOString(),
        }))
        .sort((a, b) => a.event_id.localeCompare(b.event_id)),
    );
    // A moved verdict counts as received now, so the monitor, which follows receipts, sees it.
    const [moved] = rowsOf<{ fresh: boolean }>(
      await db().execute(
        sql`select received_at > ${before}::timestamptz as fresh from feedback where event_id = ${awaitingNewer.eventId}`,
      ),
    );
    expect(moved?.fresh).toBe(true);
    expect(await adoptAwaitingFeedback(db())).toMatchObject({ adopted: 0 });
  });

  it('a sweep since a time looks only at verdicts received after it', async () => {
    const queries = eventQueries(db());
    const judged = prediction(hoursAgo(5));
    await queries.upsertFeedback([verdict(judged.id, hoursAgo(1))]);
    await db().execute(sql`update feedback set received_at = now() - interval '2 hours'`);
    await storeBypassingIngestion(judged);
    expect(await adoptAwaitingFeedback(db(), hoursAgo(1))).toMatchObject({ adopted: 0 });
    expect(await adoptAwaitingFeedback(db(), hoursAgo(3))).toMatchObject({ adopted: 1 });
  });
});
