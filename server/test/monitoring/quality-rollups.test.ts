import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows.ts';
import { QualityMonitor } from '../../src/monitor/quality-monitor.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { expectSameFigures } from './same-figures.ts';
import {
  ageReceipts,
  contradictFeedback,
  modelName,
  seedPredictions,
  seedTwoVersions,
} from './seed-quality-rows.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTwoVersions(database.db, { version1: 2000, version2: 800 });
  await ageReceipts(database.db);
});

afterAll(async () => {
  await database?.drop();
});

async function storedMinutes(): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await database.db.execute(sql`select count(*)::int as n from quality_minutes`),
  );
  return row!.n;
}

describe('stored quality rollups', () => {
  it('a monitor that starts from them and what arrived since equals a full recomputation', async () => {
    const writer = new QualityMonitor({ db: database.db, modelName, writesRollups: true });
    expect(await writer.runCycle()).toBe(true);
    expect(await storedMinutes()).toBeGreaterThan(0);

    // Changes the writer follows incrementally and stores: new rows, replaced feedback.
    await seedPredictions(database.db, {
      version: '3',
      count: 300,
      spanMinutes: 30,
      feedbackShare: 0.5,
      agreeShare: 0.9,
    });
    await contradictFeedback(database.db, '2');
    expect(await writer.runCycle()).toBe(true);

    // Rows that arrive while no monitor runs: the next one must find them from the watermark.
    await seedPredictions(database.db, {
      version: '1',
      count: 200,
      spanMinutes: 90,
      feedbackShare: 0.5,
      agreeShare: 0.7,
    });
    const restarted = new QualityMonitor({ db: database.db, modelName, writesRollups: true });
    expect(await restarted.runCycle()).toBe(true);
    // A reader (the API's tracker) starts from the same rollups and stores nothing.
    const reader = new QualityMonitor({ db: database.db, modelName });
    expect(await reader.runCycle()).toBe(true);

    // Without stored state a tracker aggregates every row of the week: the reference.
    await database.db.execute(sql`delete from quality_rollup_state`);
    const full = new QualityMonitor({ db: database.db, modelName });
    expect(await full.runCycle()).toBe(true);

    expect(full.tracker.figures('7d').map((f) => f.version)).toEqual(['1', '2', '3']);
    expectSameFigures(restarted.tracker, full.tracker);
    expectSameFigures(reader.tracker, full.tracker);
  });

  it('stores the same minutes a full pass computes', async () => {
    await database.db.execute(sql`delete from quality_rollup_state`);
    await database.db.execute(sql`delete from quality_minutes`);
    const fresh = new QualityMonitor({ db: database.db, modelName, writesRollups: true });
    expect(await fresh.runCycle()).toBe(true);
    expect(await storedMinutes()).toBeGreaterThan(0);
    await seedPredictions(database.db, {
      version: '2',
      count: 100,
      spanMinutes: 20,
      feedbackShare: 0.5,
      agreeShare: 0.5,
    });
    expect(await fresh.runCycle()).toBe(true);
    const incremental = rowsOf<Record<string, unknown>>(
      await database.db.execute(
        sql`select * from quality_minutes order by model_name, model_version, minute`,
      ),
    );
    await database.db.execute(sql`delete from quality_rollup_state`);
    const again = new QualityMonitor({ db: database.db, modelName, writesRollups: true });
    expect(await again.runCycle()).toBe(true);
    const recomputed = rowsOf<Record<string, unknown>>(
      await database.db.execute(
        sql`select * from quality_minutes order by model_name, model_version, minute`,
      ),
    );
    expect(incremental.length).toBe(recomputed.length);
    incremental.forEach((row, i) => {
      const reference = recomputed[i]!;
      for (const [column, value] of Object.entries(row)) {
        if (typeof value === 'number' && !Number.isInteger(value)) {
          expect(value).toBeCloseTo(reference[column] as number, 9);
        } else {
          expect(value, column).toEqual(reference[column]);
        }
      }
    });
  });

  it('a starting tracker reads the stored minutes, not the week of predictions', async () => {
    await ageReceipts(database.db);
    const reference = new QualityMonitor({ db: database.db, modelName, writesRollups: true });
    expect(await reference.runCycle()).toBe(true);
    // An old minute no cycle recomputes: only a tracker that read it can see this change.
    await database.db.execute(sql`
      update quality_minutes set predictions = predictions + 1000
       where (model_name, model_version, minute) =
             (select model_name, model_version, minute from quality_minutes
               where minute < now() - interval '1 day' order by minute desc limit 1)`);
    const reader = new QualityMonitor({ db: database.db, modelName });
    expect(await reader.runCycle()).toBe(true);
    const total = (monitor: QualityMonitor) =>
      monitor.tracker.figures('7d').reduce((sum, f) => sum + f.predictions, 0);
    expect(total(reader)).toBe(total(reference) + 1000);
  });
});
