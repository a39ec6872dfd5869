import { EventBatchResult, PredictResponse } from '@polarity/core/contracts';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows.ts';
import { useAppUnderTest } from '../support/app-under-test.ts';
import type { TestDatabase } from '../support/database.ts';
import { shippedModelAvailable, shippedRegistryDir } from '../support/model-registry.ts';
import { postJson } from '../support/test-app.ts';

const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    '   ',
    'a\u0000b',
    '\uD800',
    'ok \u202Eevil',
    'zero\u200Bwidth',
    '<b>x</b>',
    "'; drop table feedback; --",
  ),
);
const isoDate = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
  .map((date) => date.toISOString());

/** A small id pool, so batches repeat ids within and across runs. */
const id = fc.constantFrom(
  ...Array.from({ length: 24 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
);

const prediction = fc.record({
  type: fc.constant('prediction'),
  id,
  created_at: isoDate,
  client_id: fc.constantFrom('a', 'b'),
  source: fc.constantFrom('web', 'api', 'simulator'),
  model: fc.constant({ name: 'polarity-sentiment', version: '1' }),
  label: fc.constantFrom('negative', 'positive'),
  probabilities: fc
    .double({ min: 0, max: 1, noNaN: true })
    .map((p) => ({ negative: 1 - p, positive: p })),
  runtime: fc.constantFrom('wasm', 'webgpu', 'server'),
  latency_ms: fc.double({ min: 0, max: 1000, noNaN: true }),
  text: anyText,
});
/**
 * Feedback events are a fixed pool: a client never re-sends an event id with other content
 * (the outbox keeps each event as first written), so each id always carries the same verdict,
 * time and prediction. Several ids point at one prediction, so verdicts replace one another.
 */
const feedbackPool = Array.from({ length: 24 }, (_, i) => ({
  type: 'feedback',
  id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
  created_at: new Date(Date.UTC(2024, 0, 1) + ((i * 7919) % 24) * 3_600_000).toISOString(),
  client_id: i % 2 === 0 ? 'a' : 'b',
  prediction_id: `00000000-0000-4000-8000-${String(i % 8).padStart(12, '0')}`,
  label: i % 3 === 0 ? 'negative' : 'positive',
}));
const feedback = fc.constantFrom(...feedbackPool);
/** A valid event with one field replaced by anything at all, or removed. */
const mutated = fc
  .tuple(
    fc.oneof(prediction, feedback),
    fc.string({ maxLength: 12 }),
    fc.option(fc.jsonValue(), { nil: undefined }),
  )
  .map(([event, key, value]) => {
    const keys = Object.keys(event);
    const target = keys[key.length % keys.length]!;
    return { ...event, [key.length % 2 === 0 ? target : key]: value };
  });
const anyEvent = fc.oneof(
  { weight: 4, arbitrary: prediction },
  { weight: 3, arbitrary: feedback },
  { weight: 3, arbitrary: mutated },
  { weight: 1, arbitrary: fc.jsonValue() },
);

async function snapshot(database: TestDatabase) {
  const [row] = rowsOf<{ predictions: string; feedback: string }>(
    await database.db.execute(sql`select
      (select coalesce(string_agg(id::text || label || coalesce(text, ''), ',' order by id), '') from predictions) as predictions,
      (select coalesce(string_agg(prediction_id::text || event_id::text || label, ',' order by prediction_id), '') from feedback) as feedback`),
  );
  return row!;
}

describe('event ingestion (properties)', () => {
  const under = useAppUnderTest({ env: { RATE_LIMIT_PER_SECOND: '0' } });

  it('never answers 5xx; accepted + duplicates + rejected = batch size; a replay stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyEvent, { minLength: 1, maxLength: 40 }), async (events) => {
        const first = await postJson(under.test.app, '/api/events', { events });
        expect(first.status).toBe(200);
        const result = EventBatchResult.parse(await first.json());
        expect(result.accepted + result.duplicates + result.rejected).toBe(events.length);
        expect(result.errors).toHaveLength(result.rejected);
        const stored = await snapshot(under.database);

        const replay = await postJson(under.test.app, '/api/events', { events });
        expect(replay.status).toBe(200);
        const again = EventBatchResult.parse(await replay.json());
        expect(again.accepted + again.duplicates + again.rejected).toBe(events.length);
        expect(again.rejected).toBe(result.rejected);
        expect(await snapshot(under.database)).toEqual(stored);
      }),
      { numRuns: 60 },
    );
  });

  it('never answers 5xx to any JSON body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.jsonValue(), fc.record({ events: fc.jsonValue() })),
        async (body) => {
          const response = await postJson(under.test.app, '/api/events', body);
          expect(response.status).toBeLessThan(500);
          expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe.skipIf(!shippedModelAvailable)('tokenizer → server inference (properties)', () => {
  const under = useAppUnderTest({
    env: { REGISTRY_DIR: shippedRegistryDir, RATE_LIMIT_PER_SECOND: '0' },
    startModels: true,
  });

  it('scores arbitrary Unicode without 5xx; probabilities sum to 1; offsets lie in the text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyText, { minLength: 1, maxLength: 8 }), async (texts) => {
        const response = await postJson(under.test.app, '/api/predict', { texts });
        expect([200, 422]).toContain(response.status);
        if (response.status !== 200) return;
        const { predictions } = PredictResponse.parse(await response.json());
        expect(predictions).toHaveLength(texts.length);
        predictions.forEach((prediction, i) => {
          const { negative, positive } = prediction.probabilities;
          expect(Math.abs(negative + positive - 1)).toBeLessThanOrEqual(1e-9);
          const outside = prediction.explanation.find(
            (token) => token.start < 0 || token.end <= token.start || token.end > texts[i]!.length,
          );
          expect(outside).toBeUndefined();
        });
      }),
      { numRuns: 80 },
    );
  });
});
