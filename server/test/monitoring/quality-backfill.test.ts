import { QualityResponse } from '@polarity/core/contracts';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { Hono } from 'hono';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { applyMigrations } from '../../src/db/migrations.ts';
import { rowsOf } from '../../src/db/rows.ts';
import { QualityMonitor } from '../../src/monitor/quality-monitor.ts';
import type { RefreshWork } from '../../src/monitor/quality-tracker.ts';
import { qualityWindows, windowStart } from '../../src/monitor/windows.ts';
import { qualityRoutes } from '../../src/routes/quality.ts';
import { createTestDatabase, type TestDatabase, testServerUrl } from '../support/database.ts';
import { migrationsBefore } from '../support/migrations.ts';
import { expectSameFigures } from './same-figures.ts';
import { ageReceipts, modelName, seedPredictions, seedTwoVersions } from './seed-quality-rows.ts';

/** Small enough that the seeded week takes a dozen cycles. */
const rowsPerCycle = 250;

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTwoVersions(database.db, { version1: 2500, version2: 600 });
  await ageReceipts(database.db);
});

afterAll(async () => {
  await database?.drop();
});

/** A monitor role that writes the rollups, with the small per-cycle budget above. */
const writingMonitor = () =>
  new QualityMonitor({ db: database.db, modelName, writesRollups: true, rowsPerCycle });

async function restart() {
  await database.db.execute(sql`truncate quality_minutes, quality_rollup_state`);
}

/** The most predictions any one minute holds: a cycle may take one minute past its budget. */
async function largestMinute(): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await database.db.execute(sql`
      select max(n)::int as n from (
        select count(*) as n from predictions group by date_trunc('minute', created_at)) as minutes`),
  );
  return row!.n;
}

/** Cycles until the week is whole; every cycle's work, in order. */
async function untilWhole(monitor: QualityMonitor, limit = 100): Promise<RefreshWork[]> {
  const cycles: RefreshWork[] = [];
  do {
    cycles.push(await monitor.tracker.refresh());
    if (cycles.length > limit) throw new Error(`no whole week after ${limit} cycles`);
  } while (monitor.tracker.backfillRemainingMs() > 0 || monitor.tracker.staleBuckets() > 0);
  return cycles;
}

/** A tracker over every row at once: the reference. */
async function fullPass(): Promise<QualityMonitor> {
  const full = new QualityMonitor({ db: database.db, modelName, rowsPerCycle: 1_000_000 });
  await full.tracker.refresh();
  expect(full.tracker.backfillRemainingMs()).toBe(0);
  return full;
}

async function predictionsSince(since: Date): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await database.db.execute(
      sql`select count(*)::int as n from predictions where created_at >= ${since.toISOString()}::timestamptz`,
    ),
  );
  return row!.n;
}

describe('the monitor backfills a large week newest first, a bounded chunk per cycle', () => {
  it('a first cycle aggregates one chunk and publishes only the windows it covers whole', async () => {
    await restart();
    const monitor = writingMonitor();
    expect(await monitor.runCycle()).toBe(true);

    const partial = monitor.tracker.partialSince('7d');
    expect(partial).not.toBeNull();
    expect(monitor.tracker.backfillRemainingMs()).toBeGreaterThan(0);
    // What it publishes is exact for what it covers: every prediction made since that minute.
    const counted = monitor.tracker.figures('7d').reduce((sum, f) => sum + f.predictions, 0);
    expect(counted).toBe(await predictionsSince(partial!));
    expect(counted).toBeGreaterThanOrEqual(rowsPerCycle);
    expect(counted).toBeLessThanOrEqual(rowsPerCycle + (await largestMinute()));

    const text = await monitor.registry.metrics();
    expect(text).not.toMatch(/window="7d"/);
    expect(text).toMatch(/polarity_monitor_backfill_remaining_seconds \d/);
    expect(text).not.toMatch(/polarity_monitor_backfill_remaining_seconds 0\n/);
    for (const window of qualityWindows) {
      const published = text.includes(`window="${window}"`);
      expect(published, window).toBe(monitor.tracker.partialSince(window) === null);
    }

    const app = new Hono().route('/api/quality', qualityRoutes(monitor));
    const body = QualityResponse.parse(await (await app.request('/api/quality?window=7d')).json());
    expect(body.covered_since).toBe(partial!.toISOString());
  });

  it('every cycle is bounded, rows arriving meanwhile count once, and the whole week equals a full pass', async () => {
    await restart();
    const writer = writingMonitor();
    const bound = rowsPerCycle + (await largestMinute());
    const cycles = [await writer.tracker.refresh(), await writer.tracker.refresh()];
    // Rows arriving mid-backfill: in minutes it covers, and in minutes it has yet to reach.
    await seedPredictions(database.db, {
      version: '1',
      count: 120,
      spanMinutes: 8 * 24 * 60,
      feedbackShare: 0.5,
      agreeShare: 0.6,
    });
    cycles.push(await writer.tracker.refresh());
    // A reader (the API's tracker) starts from the half-built rollups and goes on by itself.
    const reader = new QualityMonitor({ db: database.db, modelName, rowsPerCycle });
    const readerCycles = [await reader.tracker.refresh()];
    // A minute later: the watermark's overlap no longer finds those rows again as new.
    await ageReceipts(database.db);
    cycles.push(...(await untilWhole(writer)));
    readerCycles.push(...(await untilWhole(reader)));

    for (const work of [...cycles, ...readerCycles]) {
      expect(work.backfilled).toBeLessThanOrEqual(bound);
      expect(work.changed).toBeLessThanOrEqual(bound);
    }
    expect(cycles.length).toBeGreaterThan(5);
    const full = await fullPass();
    expectSameFigures(writer.tracker, full.tracker);
    expectSameFigures(reader.tracker, full.tracker);

    // What it stored is what a monitor starting over a whole week reads, and it is whole.
    const restarted = new QualityMonitor({ db: database.db, modelName, rowsPerCycle });
    expect(await restarted.tracker.refresh()).toMatchObject({ backfilled: 0 });
    expect(restarted.tracker.partialSince('7d')).toBeNull();
    expectSameFigures(restarted.tracker, full.tracker);
  });

  it('a burst of changes past the budget waits for the next cycles, each bounded', async () => {
    await restart();
    const writer = writingMonitor();
    await untilWhole(writer);
    // A bulk import: old rows across the week, all received now.
    await seedPredictions(database.db, {
      version: '1',
      count: 1500,
      spanMinutes: 7 * 24 * 60,
      feedbackShare: 0.3,
      agreeShare: 0.8,
    });
    const bound = rowsPerCycle + (await largestMinute());
    const burst = await writer.tracker.refresh();
    expect(burst).toMatchObject({ backfilled: 0 });
    expect(burst.changed).toBeLessThanOrEqual(bound);
    expect(writer.tracker.staleBuckets()).toBeGreaterThan(0);
    // A monitor that starts now, from what the writer stored, finds the waiting buckets too.
    const restarted = new QualityMonitor({ db: database.db, modelName, rowsPerCycle });
    expect((await restarted.tracker.refresh()).changed).toBeLessThanOrEqual(bound);
    expect(restarted.tracker.staleBuckets()).toBeGreaterThan(0);
    // A minute later: the watermark's overlap no longer finds the import again as new.
    await ageReceipts(database.db);
    for (const monitor of [writer, restarted]) {
      const cycles = await untilWhole(monitor);
      expect(cycles.length).toBeGreaterThan(1);
      for (const work of cycles) expect(work.changed).toBeLessThanOrEqual(bound);
    }
    const full = await fullPass();
    expectSameFigures(writer.tracker, full.tracker);
    expectSameFigures(restarted.tracker, full.tracker);
  });
});

describe('rollups stored before the backfill (migration 0007)', () => {
  it('count as whole: their coverage starts where the window of their last cycle did', async () => {
    const admin = postgres(testServerUrl, { max: 1, onnotice: () => {} });
    const name = `polarity_test_coverage_${process.pid}`;
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    const url = new URL(testServerUrl);
    url.pathname = `/${name}`;
    const before = migrationsBefore('0007_quality_coverage');
    const handle = await openDatabase({ databaseUrl: url.href, dataDir: '' });
    try {
      const connection = postgres(url.href, { max: 1, onnotice: () => {} });
      await migrate(drizzle(connection), { migrationsFolder: before.folder });
      await connection.end();
      // A cycle at 10:42:17.5 stored its watermark 60 s before.
      const cycle = new Date('2026-12-01T10:42:17.500Z');
      const watermark = new Date(cycle.getTime() - 60_000);
      await handle.db.execute(sql`
        insert into quality_rollup_state (id, watermark, profiles)
        values (1, ${watermark.toISOString()}::timestamptz, '[]')`);

      await applyMigrations(handle, url.href);

      const [state] = rowsOf<{ covered_from_ms: number }>(
        await handle.db.execute(
          sql`select (extract(epoch from covered_from) * 1000)::float8 as covered_from_ms from quality_rollup_state`,
        ),
      );
      expect(new Date(state!.covered_from_ms)).toEqual(new Date(windowStart('7d', cycle)));
    } finally {
      await handle.close();
      before.remove();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
