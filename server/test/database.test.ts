import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../src/db/client.ts';
import { applyMigrations, expectedMigrations } from '../src/db/migrations.ts';
import { rowsOf } from '../src/db/rows.ts';
import { deadLetters, feedback, predictions } from '../src/db/schema.ts';
import { isRowRefused, sqlStateOf } from '../src/ingest/database-errors.ts';
import { storeDeadLetters } from '../src/ingest/dead-letters.ts';
import { eventQueries } from '../src/ingest/event-store.ts';
import { QualityMonitor } from '../src/monitor/quality-monitor.ts';
import { modelName, recordVersion, trainingProfile } from './monitoring/seed-quality-rows.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';
import { createTestApp } from './support/test-app.ts';

const prediction = {
  id: '0d5d7a34-8a0c-4c3f-9a53-2b1c6f0e9a11',
  createdAt: new Date('2026-11-01T10:00:00Z'),
  modelName: 'polarity-sentiment',
  modelVersion: '1',
  label: 'positive',
  probNegative: 0.1,
  probPositive: 0.9,
  runtime: 'wasm',
  latencyMs: 1.5,
  textLength: 5,
  text: 'great',
  textSha256: 'a'.repeat(64),
  clientId: 'client-1',
  source: 'web',
};

/** The same queries on both engines, so the embedded default cannot drift from Postgres. */
async function exercise(handle: DatabaseHandle) {
  await handle.db.insert(predictions).values(prediction).onConflictDoNothing();
  await handle.db.insert(predictions).values(prediction).onConflictDoNothing();
  const tables = rowsOf<{ table_name: string }>(
    await handle.db.execute(
      // the tables as the app names them; partitions of a table (see storage/) are its own business
      sql`select relname as table_name from pg_class
        where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') and not relispartition
        order by 1`,
    ),
  ).map((row) => row.table_name);
  const stored = (await handle.db.select().from(predictions)).map(({ receivedAt, ...row }) => ({
    ...row,
    receivedAfterCreated: receivedAt > row.createdAt,
  }));
  return { tables, stored, ingestion: await exerciseIngestion(handle) };
}

const feedbackFor = (eventId: string, createdAt: string, label: string) => ({
  predictionId: prediction.id,
  eventId,
  label,
  createdAt: new Date(createdAt),
  clientId: 'client-1',
});

/** Every query of the ingestion repository, with the results the API relies on. */
async function exerciseIngestion(handle: DatabaseHandle) {
  const queries = eventQueries(handle.db);
  const second = { ...prediction, id: '5b0c4f7e-2f57-4c61-9d0a-7a1e3c9b8d22' };
  const inserted = [...(await queries.insertPredictions([prediction, second]))].sort();
  const first = feedbackFor(
    '7f1a6a57-0d6e-4d8c-8a51-3a8e8f0f1c01',
    '2026-11-01T10:01:00Z',
    'positive',
  );
  const later = feedbackFor(
    '7f1a6a57-0d6e-4d8c-8a51-3a8e8f0f1c02',
    '2026-11-01T10:05:00Z',
    'negative',
  );
  const older = feedbackFor(
    '7f1a6a57-0d6e-4d8c-8a51-3a8e8f0f1c03',
    '2026-11-01T10:00:30Z',
    'positive',
  );
  const written = [
    [...(await queries.upsertFeedback([first]))],
    [...(await queries.upsertFeedback([later]))],
    [...(await queries.upsertFeedback([older]))],
    [...(await queries.upsertFeedback([later]))],
  ];
  const stored = [...(await queries.storedFeedbackEventIds([first.eventId, later.eventId]))];
  const known = Object.fromEntries(await queries.knownPredictions([prediction.id, first.eventId]));
  const verdicts = (await handle.db.select().from(feedback)).map(({ receivedAt, ...row }) => row);
  return { inserted, written, stored, known, verdicts, refusal: await exerciseRefusal(handle) };
}

/** A row the database refuses: both engines must name it the same way, and file it alike. */
async function exerciseRefusal(handle: DatabaseHandle) {
  const refused = { ...prediction, id: '5b0c4f7e-2f57-4c61-9d0a-7a1e3c9b8d23', label: 'neutral' };
  const error = await eventQueries(handle.db)
    .insertPredictions([refused])
    .then(
      () => undefined,
      (caught: unknown) => caught,
    );
  const metrics = { deadLetters: { inc: () => undefined } };
  const letter = { eventId: refused.id, payload: refused, error };
  await storeDeadLetters(handle.db, metrics as never, 'prediction_log', [letter]);
  await storeDeadLetters(handle.db, metrics as never, 'prediction_log', [letter]);
  const filed = (await handle.db.select().from(deadLetters)).map(
    ({ id, receivedAt, ...row }) => row,
  );
  return { sqlState: sqlStateOf(error), refused: isRowRefused(error), filed };
}

describe('database', () => {
  let postgresDb: TestDatabase;
  let pgliteDb: DatabaseHandle;
  let pgliteDir: string;

  beforeAll(async () => {
    postgresDb = await createTestDatabase();
    pgliteDir = mkdtempSync(join(tmpdir(), 'polarity-pglite-'));
    pgliteDb = await openDatabase({ dataDir: pgliteDir });
    await applyMigrations(pgliteDb, undefined);
  });
  afterAll(async () => {
    await postgresDb?.drop();
    await pgliteDb?.close();
    rmSync(pgliteDir, { recursive: true, force: true });
  });

  it('applies every committed migration on the real Postgres server', async () => {
    const rows = rowsOf<{ count: number }>(
      await postgresDb.db.execute(
        sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
      ),
    );
    expect(rows[0]?.count).toBe(expectedMigrations());
    expect(postgresDb.kind).toBe('postgres');
  });

  it('behaves the same on Postgres and on the embedded PGlite', async () => {
    const onPostgres = await exercise(postgresDb);
    const onPglite = await exercise(pgliteDb);
    expect(onPostgres.tables).toEqual([
      'dead_letters',
      'feedback',
      'model_versions',
      'predictions',
      'quality_minutes',
      'quality_rollup_state',
    ]);
    expect(onPostgres.ingestion.refusal).toMatchObject({ sqlState: '23514', refused: true });
    expect(onPostgres.ingestion.refusal.filed).toEqual([
      expect.objectContaining({ source: 'prediction_log', sqlState: '23514' }),
    ]);
    expect(onPglite).toEqual(onPostgres);
    expect(onPostgres.stored).toHaveLength(1);
    expect(onPostgres.stored[0]?.createdAt.toISOString()).toBe('2026-11-01T10:00:00.000Z');
    expect(onPostgres.stored[0]?.receivedAfterCreated).toBe(true);
    // the first insert stored `prediction`; the repository then adds only the second
    expect(onPostgres.ingestion.inserted).toEqual(['5b0c4f7e-2f57-4c61-9d0a-7a1e3c9b8d22']);
    // later verdict replaces; older one and a replay write nothing
    expect(onPostgres.ingestion.written).toEqual([
      ['7f1a6a57-0d6e-4d8c-8a51-3a8e8f0f1c01'],
      ['7f1a6a57-0d6e-4d8c-8a51-3a8e8f0f1c02'],
      [],
      [],
    ]);
    expect(onPostgres.ingestion.stored).toEqual(['7f1a6a57-0d6e-4d8c-8a51-3a8e8f0f1c02']);
    expect(onPostgres.ingestion.known).toEqual({
      [prediction.id]: { label: 'positive', modelVersion: '1' },
    });
    expect(onPostgres.ingestion.verdicts).toEqual([
      expect.objectContaining({
        eventId: '7f1a6a57-0d6e-4d8c-8a51-3a8e8f0f1c02',
        label: 'negative',
      }),
    ]);
  });

  it('stores and reads the monitor rollups the same on Postgres and on PGlite', async () => {
    const quality = async (handle: DatabaseHandle) => {
      await recordVersion(handle.db, '7', { training_profile: trainingProfile });
      // Deterministic rows over the last two hours, a third with feedback.
      await handle.db.execute(sql`
        insert into predictions (id, created_at, model_name, model_version, label, prob_negative,
                                 prob_positive, runtime, latency_ms, text_length, text_sha256,
                                 client_id, source, unknown_token_rate)
        select ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid,
               date_trunc('minute', now()) - (i % 120) * interval '1 minute', ${modelName}, '7',
               case when i % 3 = 0 then 'negative' else 'positive' end, 0.3, 0.7, 'wasm', 1,
               i * 7 % 900, 'sha', 'client', 'web', (i % 10) / 100.0
          from generate_series(1, 600) as i`);
      await handle.db.execute(sql`
        insert into feedback (prediction_id, prediction_created_at, event_id, label, created_at, client_id)
        select id, created_at, gen_random_uuid(), 'positive', now(), 'client'
          from predictions where model_version = '7' and text_length % 3 = 0`);
      const writer = new QualityMonitor({ db: handle.db, modelName, writesRollups: true });
      expect(await writer.runCycle()).toBe(true);
      const reader = new QualityMonitor({ db: handle.db, modelName });
      expect(await reader.runCycle()).toBe(true);
      const [stored] = rowsOf<{ n: number }>(
        await handle.db.execute(sql`select count(*)::int as n from quality_minutes`),
      );
      return { stored: stored!.n, figures: reader.tracker.figures('24h') };
    };
    const onPostgres = await quality(postgresDb);
    expect(onPostgres.stored).toBeGreaterThanOrEqual(120);
    expect(onPostgres.figures[0]).toMatchObject({ version: '7', predictions: 600 });
    expect(await quality(pgliteDb)).toEqual(onPostgres);
  });

  it('reports ready over HTTP once migrations ran and the champion is loaded', async () => {
    const { app, api } = createTestApp({ db: postgresDb.db });
    await api.models.start();
    try {
      const response = await app.request('/readyz');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ready' });
    } finally {
      api.models.stop();
    }
  });

  it('reports not ready when the schema is missing', async () => {
    const bare = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'polarity-bare-')) });
    const app = createTestApp({ db: bare.db }).app;
    const response = await app.request('/readyz');
    expect(response.status).toBe(503);
    const body = (await response.json()) as { status: string; reason: string };
    expect(body.status).toBe('not_ready');
    expect(body.reason).toMatch(/migrations not applied|__drizzle_migrations/);
    await bare.close();
  });
});
