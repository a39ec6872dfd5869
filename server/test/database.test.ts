import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { type DatabaseHandle, openDatabase } from '../src/db/client.ts';
import { applyMigrations, expectedMigrations, rowsOf } from '../src/db/migrations.ts';
import { predictions } from '../src/db/schema.ts';
import { loadEnv } from '../src/env.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';

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
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    ),
  ).map((row) => row.table_name);
  const stored = (await handle.db.select().from(predictions)).map(({ receivedAt, ...row }) => ({
    ...row,
    receivedAfterCreated: receivedAt > row.createdAt,
  }));
  return { tables, stored };
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
    expect(rows[0]?.count).toBe(expectedMigrations);
    expect(postgresDb.kind).toBe('postgres');
  });

  it('behaves the same on Postgres and on the embedded PGlite', async () => {
    const onPostgres = await exercise(postgresDb);
    const onPglite = await exercise(pgliteDb);
    expect(onPostgres.tables).toEqual(['feedback', 'model_versions', 'predictions']);
    expect(onPglite).toEqual(onPostgres);
    expect(onPostgres.stored).toHaveLength(1);
    expect(onPostgres.stored[0]?.createdAt.toISOString()).toBe('2026-11-01T10:00:00.000Z');
    expect(onPostgres.stored[0]?.receivedAfterCreated).toBe(true);
  });

  it('reports ready over HTTP once migrations ran', async () => {
    const app = createApp({ env: loadEnv({}), db: postgresDb.db });
    const response = await app.request('/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('reports not ready when the schema is missing', async () => {
    const bare = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'polarity-bare-')) });
    const app = createApp({ env: loadEnv({}), db: bare.db });
    const response = await app.request('/readyz');
    expect(response.status).toBe(503);
    expect(((await response.json()) as { status: string }).status).toBe('not_ready');
    await bare.close();
  });
});
