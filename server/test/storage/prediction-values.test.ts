import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Event, type PredictionEvent } from '@polarity/core/contracts';
import { inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.ts';
import { applyMigrations } from '../../src/db/migrations.ts';
import { predictions } from '../../src/db/schema.ts';
import { eventValues, predictionRow } from '../../src/ingest/event-rows.ts';
import { eventQueries, predictionValues } from '../../src/ingest/event-store.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/*
 * Ingestion writes an event's columns straight from the event (`eventValues`) into a jsonb
 * document read by position. What is stored must be what the row of the event
 * (`predictionRow`) holds, value for value: times from any offset, doubles to the last bit,
 * text with escapes and every plane of Unicode, nulls.
 */

const unit = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(0, -0, 1, 5e-324, 0.1 + 0.2, 1 - 2 ** -53),
);
const text = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
  fc.constantFrom('"quoted" \\ back\nslash\t', '</script>\u2028\u2029', "'; drop table x; --"),
);

/** Valid events as clients send them, each field across its range. */
const events = fc
  .record(
    {
      id: fc.uuid({ version: 4 }),
      at: fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.now() }),
      offset: fc.constantFrom('Z', '+05:30', '-08:00', '+00:00'),
      fraction: fc.constantFrom('', '.5', '.123', '.123456'),
      label: fc.constantFrom('negative', 'positive'),
      negative: unit,
      positive: unit,
      runtime: fc.constantFrom('wasm', 'webgpu', 'server'),
      latency: fc.oneof(fc.double({ min: 0, max: 600_000, noNaN: true }), fc.constant(600_000)),
      text: text.filter((t) => t.trim().length > 0),
      client: text,
      shadow: fc.boolean(),
      tokenCount: fc.integer({ min: 0, max: 2_147_483_647 }),
      unknownRate: unit,
      caveat: fc.constantFrom('too_short', 'low_confidence', null),
    },
    { requiredKeys: ['id', 'at', 'offset', 'fraction', 'label', 'text', 'client'] },
  )
  .map((e): PredictionEvent => {
    const minutes =
      e.offset === 'Z'
        ? 0
        : (e.offset[0] === '-' ? -1 : 1) *
          (Number(e.offset.slice(1, 3)) * 60 + Number(e.offset.slice(4)));
    const local = new Date(e.at + minutes * 60_000).toISOString().slice(0, 19);
    return Event.parse({
      type: 'prediction',
      id: e.id,
      created_at: `${local}${e.fraction}${e.offset}`,
      client_id: e.client,
      source: 'web',
      model: { name: 'polarity-sentiment', version: '1' },
      label: e.label,
      probabilities: { negative: e.negative ?? 0.5, positive: e.positive ?? 0.5 },
      runtime: e.runtime ?? 'wasm',
      latency_ms: e.latency ?? 1,
      text: e.text,
      ...(e.shadow !== undefined && { shadow: e.shadow }),
      ...(e.tokenCount !== undefined && { token_count: e.tokenCount }),
      ...(e.unknownRate !== undefined && { unknown_token_rate: e.unknownRate }),
      ...(e.caveat !== undefined && {
        caveat: e.caveat && { code: e.caveat, message: 'a caveat' },
      }),
    }) as PredictionEvent;
  });

const sample = fc.sample(
  fc.uniqueArray(events, { selector: (e) => e.id, minLength: 300, maxLength: 300 }),
  { numRuns: 1 },
)[0]!;

it('writes an event by position as its row would be written', () => {
  for (const storeText of [true, false]) {
    for (const event of sample) {
      expect(eventValues(event, storeText)).toStrictEqual(
        predictionValues(predictionRow(event, storeText)),
      );
    }
  }
});

/** Stores the sample by position and reads it back, against the rows of the same events. */
async function storesEveryValue(handle: DatabaseHandle) {
  const queries = eventQueries(handle.db);
  const inserted = await queries.insertPredictionValues(sample.map((e) => eventValues(e, true)));
  expect(inserted.size).toBe(sample.length);
  const stored = await handle.db
    .select()
    .from(predictions)
    .where(
      inArray(
        predictions.id,
        sample.map((e) => e.id),
      ),
    );
  const byId = new Map(stored.map(({ receivedAt, ...row }) => [row.id, row]));
  for (const event of sample) {
    const row = predictionRow(event, true);
    // JSON has no -0: a -0 arrives as 0, as it did in the document with keys.
    expect(byId.get(event.id)).toStrictEqual({
      ...row,
      probNegative: row.probNegative + 0,
      probPositive: row.probPositive + 0,
      latencyMs: row.latencyMs + 0,
      unknownTokenRate: row.unknownTokenRate == null ? null : row.unknownTokenRate + 0,
      shadow: row.shadow ?? false,
    });
  }
  expect(await queries.insertPredictionValues(sample.map((e) => eventValues(e, true)))).toEqual(
    new Set(),
  );
}

describe('stored by position, value for value', () => {
  let postgresDb: TestDatabase;
  let pglite: DatabaseHandle;
  let dataDir: string;

  beforeAll(async () => {
    postgresDb = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'polarity-values-'));
    pglite = await openDatabase({ dataDir });
    await applyMigrations(pglite, undefined);
  });

  afterAll(async () => {
    await postgresDb?.drop();
    await pglite?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('on Postgres', () => storesEveryValue(postgresDb));
  it('on PGlite', () => storesEveryValue(pglite));
});
