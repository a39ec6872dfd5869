import { createHash, randomUUID } from 'node:crypto';
import { EventBatchResult } from '@polarity/core/contracts';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { feedback, predictions } from '../../src/db/schema.ts';
import { useAppUnderTest } from '../support/app-under-test.ts';
import {
  feedbackEvent as wellFormedFeedback,
  predictionEvent as wellFormedPrediction,
} from '../support/events.ts';
import { createTestApp, errorOf, metricValue, postJson } from '../support/test-app.ts';

/** The shared factories, with the values this file's assertions spell out. */
const predictionEvent = (overrides: Record<string, unknown> = {}) =>
  wellFormedPrediction({
    client_id: 'client-a',
    probabilities: { negative: 0.2, positive: 0.8 },
    latency_ms: 3.5,
    text: 'Works great, would buy again.',
    ...overrides,
  }) as ReturnType<typeof wellFormedPrediction> & { text: string };

const feedbackEvent = (predictionId: string, overrides: Record<string, unknown> = {}) =>
  wellFormedFeedback(predictionId, { client_id: 'client-a', label: 'positive', ...overrides });

describe('POST /api/events', () => {
  const under = useAppUnderTest();
  beforeEach(async () => {
    await under.database.db.execute(sql`truncate predictions, feedback`);
  });

  const send = (events: unknown[]) => postJson(under.test.app, '/api/events', { events });
  const count = async (table: typeof predictions | typeof feedback) =>
    (await under.database.db.select().from(table)).length;

  it('stores a batch once: a replay stores nothing and reports duplicates', async () => {
    const prediction = predictionEvent();
    const events = [prediction, predictionEvent(), feedbackEvent(prediction.id)];
    const first = await send(events);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ accepted: 3, duplicates: 0, rejected: 0, errors: [] });
    const replay = await send(events);
    expect(await replay.json()).toEqual({ accepted: 0, duplicates: 3, rejected: 0, errors: [] });
    expect(await count(predictions)).toBe(2);
    expect(await count(feedback)).toBe(1);
    expect(
      await metricValue(under.test.metrics.eventsIngested, {
        type: 'prediction',
        result: 'duplicate',
      }),
    ).toBeGreaterThanOrEqual(2);
  });

  it('counts every event of a batch once in the metrics, by label set', async () => {
    const { metrics } = under.test;
    const counted = async () => ({
      accepted: await metricValue(metrics.eventsIngested, {
        type: 'prediction',
        result: 'accepted',
      }),
      duplicate: await metricValue(metrics.eventsIngested, {
        type: 'prediction',
        result: 'duplicate',
      }),
      positive: await metricValue(metrics.predictions, { model_version: '1', label: 'positive' }),
      negative: await metricValue(metrics.predictions, { model_version: '1', label: 'negative' }),
      caveated: await metricValue(metrics.caveatedPredictions, { code: 'low_confidence' }),
      lag:
        (await metrics.outboxLag.get()).values.find(
          (v) =>
            v.metricName === 'polarity_outbox_lag_seconds_count' && v.labels.type === 'prediction',
        )?.value ?? 0,
    });
    const before = await counted();
    const caveat = { code: 'low_confidence', message: 'Not sure: the review leans positive.' };
    const stored = predictionEvent();
    await send([stored]);
    const events = [
      stored,
      ...Array.from({ length: 3 }, () => predictionEvent({ label: 'negative' })),
      ...Array.from({ length: 4 }, () => predictionEvent({ caveat })),
    ];
    expect(await (await send(events)).json()).toMatchObject({ accepted: 7, duplicates: 1 });
    const after = await counted();
    expect({
      accepted: after.accepted - before.accepted,
      duplicate: after.duplicate - before.duplicate,
      positive: after.positive - before.positive,
      negative: after.negative - before.negative,
      caveated: after.caveated - before.caveated,
      lag: after.lag - before.lag,
    }).toEqual({ accepted: 8, duplicate: 1, positive: 5, negative: 3, caveated: 4, lag: 8 });
  });

  it('stores every field of a prediction, with the text digest computed by the server', async () => {
    const event = predictionEvent({ shadow: true, token_count: 6, unknown_token_rate: 0.5 });
    await send([event]);
    const [row] = await under.database.db.select().from(predictions);
    expect(row).toMatchObject({
      id: event.id,
      createdAt: new Date(event.created_at),
      modelName: 'polarity-sentiment',
      modelVersion: '1',
      label: 'positive',
      probNegative: 0.2,
      probPositive: 0.8,
      runtime: 'wasm',
      latencyMs: 3.5,
      text: event.text,
      textLength: event.text.length,
      textSha256: createHash('sha256').update(event.text).digest('hex'),
      clientId: 'client-a',
      source: 'web',
      shadow: true,
      tokenCount: 6,
      unknownTokenRate: 0.5,
    });
  });

  it('accepts feedback before its prediction and counts the outcome once both are known', async () => {
    const prediction = predictionEvent({
      label: 'negative',
      probabilities: { negative: 0.7, positive: 0.3 },
    });
    const verdict = feedbackEvent(prediction.id, { label: 'positive' });
    const incorrectBefore = await metricValue(under.test.metrics.feedback, {
      outcome: 'incorrect',
    });
    expect(await (await send([verdict])).json()).toMatchObject({ accepted: 1 });
    expect(
      await metricValue(under.test.metrics.feedback, { outcome: 'unknown' }),
    ).toBeGreaterThanOrEqual(1);
    expect(await (await send([prediction])).json()).toMatchObject({ accepted: 1 });
    const [row] = await under.database.db.select().from(feedback);
    expect(row).toMatchObject({
      predictionId: prediction.id,
      eventId: verdict.id,
      label: 'positive',
    });

    await send([prediction, feedbackEvent(prediction.id, { label: 'positive' })]);
    expect(await metricValue(under.test.metrics.feedback, { outcome: 'incorrect' })).toBe(
      incorrectBefore + 1,
    );
  });

  it('counts feedback rows stored, not feedback events received', async () => {
    const prediction = predictionEvent();
    await send([prediction]);
    const stored = () => metricValue(under.test.metrics.feedback, {});
    const before = await stored();
    const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();
    // Two verdicts on one prediction in one batch: one row is written, the latest.
    const batch = await send([
      feedbackEvent(prediction.id, { created_at: at(20), label: 'negative' }),
      feedbackEvent(prediction.id, { created_at: at(10), label: 'positive' }),
    ]);
    expect(await batch.json()).toMatchObject({ accepted: 2 });
    expect(await stored()).toBe(before + 1);
    // An older verdict than the stored one is accepted and dropped: nothing is written.
    const older = await send([feedbackEvent(prediction.id, { created_at: at(30) })]);
    expect(await older.json()).toMatchObject({ accepted: 1 });
    expect(await stored()).toBe(before + 1);
    expect(await count(feedback)).toBe(1);
  });

  it('keeps the latest verdict per prediction, whatever order they arrive in', async () => {
    const prediction = predictionEvent();
    const early = feedbackEvent(prediction.id, {
      created_at: '2026-11-01T10:00:00Z',
      label: 'negative',
    });
    const late = feedbackEvent(prediction.id, {
      created_at: '2026-11-01T10:05:00Z',
      label: 'positive',
    });
    await send([prediction, late]);
    expect(await (await send([early])).json()).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: 0,
      errors: [],
    });
    let rows = await under.database.db.select().from(feedback);
    expect(rows).toEqual([expect.objectContaining({ eventId: late.id, label: 'positive' })]);

    // both in one batch, later first
    const other = predictionEvent();
    const a = feedbackEvent(other.id, { created_at: '2026-11-01T10:09:00Z', label: 'negative' });
    const b = feedbackEvent(other.id, { created_at: '2026-11-01T10:01:00Z', label: 'positive' });
    expect(await (await send([other, a, b])).json()).toMatchObject({ accepted: 3, rejected: 0 });
    rows = await under.database.db.select().from(feedback);
    expect(rows.find((row) => row.predictionId === other.id)).toMatchObject({ eventId: a.id });
  });

  it('stores the valid events of a mixed batch and explains each invalid one', async () => {
    const good = predictionEvent();
    const badProbability = predictionEvent({ probabilities: { negative: 0.2, positive: 1.5 } });
    const badType = { type: 'click', id: randomUUID() };
    const response = await send([
      good,
      badProbability,
      'not an event',
      badType,
      feedbackEvent('nope'),
    ]);
    expect(response.status).toBe(200);
    const result = EventBatchResult.parse(await response.json());
    expect(result).toMatchObject({ accepted: 1, duplicates: 0, rejected: 4 });
    expect(result.errors).toEqual([
      expect.objectContaining({
        index: 1,
        id: badProbability.id,
        code: 'invalid_event',
        field: 'probabilities.positive',
      }),
      expect.objectContaining({ index: 2, code: 'invalid_event' }),
      expect.objectContaining({ index: 3, id: badType.id, code: 'invalid_event', field: 'type' }),
      expect.objectContaining({ index: 4, code: 'invalid_event', field: 'prediction_id' }),
    ]);
    expect((await under.database.db.select().from(predictions)).map((row) => row.id)).toEqual([
      good.id,
    ]);
  });

  it('reports an id repeated inside one batch and stores the first only', async () => {
    const event = predictionEvent();
    const result = EventBatchResult.parse(
      await (await send([event, { ...event, client_id: 'client-b' }])).json(),
    );
    expect(result).toMatchObject({ accepted: 1, duplicates: 0, rejected: 1 });
    expect(result.errors).toEqual([
      expect.objectContaining({ index: 1, id: event.id, code: 'duplicate_in_batch', field: 'id' }),
    ]);
    expect((await under.database.db.select().from(predictions))[0]?.clientId).toBe('client-a');
  });

  it('refuses bad requests with the right status and changes nothing', async () => {
    const tooBig = await postJson(under.test.app, '/api/events', {
      events: [predictionEvent({ text: 'x'.repeat(20_000) })],
      padding: 'y'.repeat(1024 * 1024),
    });
    expect(tooBig.status).toBe(413);
    expect((await errorOf(tooBig)).code).toBe('payload_too_large');

    const wrongType = await under.test.app.request('/api/events', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ events: [predictionEvent()] }),
    });
    expect(wrongType.status).toBe(415);
    expect((await errorOf(wrongType)).code).toBe('unsupported_media_type');

    const malformed = await under.test.app.request('/api/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"events": [',
    });
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).code).toBe('malformed_json');

    const empty = await send([]);
    expect(empty.status).toBe(422);
    expect(await empty.json()).toMatchObject({
      error: { code: 'invalid_request', field: 'events' },
    });

    const tooMany = await send(Array.from({ length: 501 }, () => predictionEvent()));
    expect(tooMany.status).toBe(422);
    expect(await count(predictions)).toBe(0);
  });

  it('stores only the digest and length of texts when STORE_TEXT=false', async () => {
    const noText = createTestApp({ db: under.database.db, env: { STORE_TEXT: 'false' } });
    const event = predictionEvent({ text: 'Secret review text ✓' });
    await postJson(noText.app, '/api/events', { events: [event] });
    const [row] = await under.database.db.select().from(predictions);
    expect(row).toMatchObject({
      text: null,
      textLength: event.text.length,
      textSha256: createHash('sha256').update(event.text, 'utf8').digest('hex'),
    });
  });

  it('answers 503 with Retry-After when the database is down, storing nothing', async () => {
    const down = await openDatabase({
      databaseUrl: 'postgres://postgres@127.0.0.1:1/none',
      dataDir: '',
    });
    const broken = createTestApp({ db: down.db });
    const response = await postJson(broken.app, '/api/events', { events: [predictionEvent()] });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await errorOf(response)).code).toBe('storage_unavailable');
    await down.close();
  });
});
