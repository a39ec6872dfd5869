import { randomUUID } from 'node:crypto';
import { EventBatchResult } from '@polarity/core/contracts';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows.ts';
import { deadLetters, feedback, predictions } from '../../src/db/schema.ts';
import { predictionRow } from '../../src/ingest/event-rows.ts';
import { useAppUnderTest } from '../support/app-under-test.ts';
import { feedbackEvent, predictionEvent } from '../support/events.ts';
import { modelName, shippedModelAvailable } from '../support/model-registry.ts';
import { errorOf, postJson } from '../support/test-app.ts';

/*
 * No single request may stop the data path: values Postgres cannot hold are refused one event at
 * a time with the field named, a row the database still refuses is set aside instead of blocking
 * its batch or the prediction log, races over one id are exact, and no request mints a metric
 * series or reaches a prototype property.
 */

const nul = 'a\u0000b';
const loneHigh = 'a\uD800b';
const loneLow = 'a\uDC00b';
const highAtEnd = 'abc\uD83D';
const day = 24 * 60 * 60 * 1000;

/** [case, event overrides, field the error must name]: values storage cannot hold; each must be refused alone. */
const refusedPredictions: [string, Record<string, unknown>, string][] = [
  ['client_id with U+0000', { client_id: nul }, 'client_id'],
  ['client_id with a lone high surrogate', { client_id: loneHigh }, 'client_id'],
  ['client_id with a lone low surrogate', { client_id: loneLow }, 'client_id'],
  ['client_id ending in half a pair', { client_id: highAtEnd }, 'client_id'],
  ['model.name with U+0000', { model: { name: `${modelName}\u0000`, version: '1' } }, 'model.name'],
  ['model.name with a lone surrogate', { model: { name: loneHigh, version: '1' } }, 'model.name'],
  [
    'model.version with U+0000',
    { model: { name: modelName, version: '1\u0000' } },
    'model.version',
  ],
  [
    'model.version with a lone surrogate',
    { model: { name: modelName, version: loneLow } },
    'model.version',
  ],
  ['text with U+0000', { text: `fine${nul}` }, 'text'],
  ['text with a lone surrogate', { text: `fine ${loneHigh}` }, 'text'],
  ['created_at in year 0', { created_at: '0000-01-01T00:00:00Z' }, 'created_at'],
  [
    'created_at past year 9999 once in UTC',
    { created_at: '9999-12-31T23:59:59-14:00' },
    'created_at',
  ],
  ['created_at before 2000', { created_at: '1999-12-31T23:59:59Z' }, 'created_at'],
  [
    'created_at two days ahead',
    { created_at: new Date(Date.now() + 2 * day).toISOString() },
    'created_at',
  ],
  ['created_at on 30 February', { created_at: '2024-02-30T12:00:00Z' }, 'created_at'],
  ['created_at at 24:00', { created_at: '2024-01-01T24:00:00Z' }, 'created_at'],
  ['created_at with a leap second', { created_at: '2016-12-31T23:59:60Z' }, 'created_at'],
  [
    'created_at with an offset past 14 hours',
    { created_at: '2024-01-01T00:00:00+25:00' },
    'created_at',
  ],
  ['token_count past int4', { token_count: 2_147_483_648 }, 'token_count'],
  ['token_count 1e20', { token_count: 1e20 }, 'token_count'],
  ['token_count negative', { token_count: -1 }, 'token_count'],
  ['token_count fractional', { token_count: 1.5 }, 'token_count'],
  ['id that is no uuid', { id: 'not-a-uuid' }, 'id'],
  ['id with U+0000', { id: `${randomUUID()}\u0000` }, 'id'],
];

const refusedFeedback: [string, Record<string, unknown>, string][] = [
  ['client_id with U+0000', { client_id: nul }, 'client_id'],
  ['client_id with a lone surrogate', { client_id: loneLow }, 'client_id'],
  ['created_at in year 0', { created_at: '0000-01-01T00:00:00Z' }, 'created_at'],
  [
    'created_at past year 9999 once in UTC',
    { created_at: '9999-12-31T23:59:59-14:00' },
    'created_at',
  ],
  ['prediction_id with U+0000', { prediction_id: `${randomUUID()}\u0000` }, 'prediction_id'],
];

describe('no single request may stop the data path', () => {
  const under = useAppUnderTest({ versions: 2, startModels: shippedModelAvailable });
  const db = () => under.database.db;
  const send = async (events: unknown[]) => {
    const response = await postJson(under.test.app, '/api/events', { events });
    expect(response.status).toBe(200);
    return EventBatchResult.parse(await response.json());
  };
  const count = async (table: typeof predictions | typeof feedback | typeof deadLetters) =>
    (await db().select().from(table)).length;

  beforeEach(async () => {
    await db().execute(sql`truncate predictions, feedback, dead_letters`);
  });

  describe('values the database cannot hold are refused per event; the event beside each is stored', () => {
    it.each(refusedPredictions)('prediction: %s', async (_, overrides, field) => {
      const valid = predictionEvent();
      const result = await send([predictionEvent(overrides), valid]);
      expect(result).toMatchObject({ accepted: 1, rejected: 1 });
      expect(result.errors).toEqual([
        expect.objectContaining({ index: 0, code: 'invalid_event', field }),
      ]);
      const stored = await db().select({ id: predictions.id }).from(predictions);
      expect(stored).toEqual([{ id: valid.id }]);
    });

    it.each(refusedFeedback)('feedback: %s', async (_, overrides, field) => {
      const prediction = predictionEvent();
      const valid = feedbackEvent(prediction.id);
      const result = await send([prediction, feedbackEvent(prediction.id, overrides), valid]);
      expect(result).toMatchObject({ accepted: 2, rejected: 1 });
      expect(result.errors).toEqual([
        expect.objectContaining({ index: 1, code: 'invalid_event', field }),
      ]);
      expect(await count(feedback)).toBe(1);
    });

    it('a number JSON cannot hold (1e999 reads as Infinity) is refused with its field', async () => {
      const valid = predictionEvent();
      const bad = predictionEvent();
      const body = `{"events":[${JSON.stringify(bad).replace('"latency_ms":4', '"latency_ms":1e999')},${JSON.stringify(valid)}]}`;
      const response = await under.test.app.request('/api/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const result = EventBatchResult.parse(await response.json());
      expect(result.errors).toEqual([
        expect.objectContaining({ index: 0, code: 'invalid_event', field: 'latency_ms' }),
      ]);
      expect(await count(predictions)).toBe(1);
    });
  });

  describe('server predictions', () => {
    it.skipIf(!shippedModelAvailable).each([
      ['U+0000', nul],
      ['a lone high surrogate', loneHigh],
      ['a lone low surrogate', loneLow],
    ])(
      'a client_id with %s is a 422 naming client_id, and the log keeps writing',
      async (_, clientId) => {
        const refused = await postJson(under.test.app, '/api/predict', {
          text: 'Great kettle.',
          client_id: clientId,
        });
        expect(refused.status).toBe(422);
        expect(await errorOf(refused)).toMatchObject({
          code: 'invalid_request',
          field: 'client_id',
        });
        const served = await postJson(under.test.app, '/api/predict', { text: 'Great kettle.' });
        expect(served.status).toBe(200);
        await under.test.api.predictionWriter.drain(5_000);
        expect(await count(predictions)).toBe(1);
      },
    );
  });

  describe('a row the database refuses all the same is set aside, never blocking the rest', () => {
    // A real refusal from Postgres for a value that passes validation: a constraint of the test's.
    const refuse = (table: 'predictions' | 'feedback') =>
      db().execute(
        sql.raw(
          `alter table ${table} add constraint test_poison check (client_id <> 'poison') not valid`,
        ),
      );
    const allow = (table: 'predictions' | 'feedback') =>
      db().execute(sql.raw(`alter table ${table} drop constraint if exists test_poison`));

    it('in a batch of events: the poison event is rejected as unstorable and filed; the others are stored', async () => {
      await refuse('predictions');
      await refuse('feedback');
      try {
        const good = Array.from({ length: 9 }, () => predictionEvent());
        const poison = predictionEvent({ client_id: 'poison' });
        const poisonFeedback = feedbackEvent(good[0]?.id ?? '', { client_id: 'poison' });
        const goodFeedback = feedbackEvent(good[1]?.id ?? '');
        const events = [
          ...good.slice(0, 4),
          poison,
          ...good.slice(4),
          poisonFeedback,
          goodFeedback,
        ];
        const result = await send(events);
        expect(result).toMatchObject({ accepted: 10, duplicates: 0, rejected: 2 });
        expect(result.errors).toEqual([
          expect.objectContaining({ index: 4, id: poison.id, code: 'unstorable' }),
          expect.objectContaining({ index: 10, id: poisonFeedback.id, code: 'unstorable' }),
        ]);
        expect(await count(predictions)).toBe(9);
        expect(await count(feedback)).toBe(1);
        const filed = await db().select().from(deadLetters);
        expect(filed.map((row) => row.eventId).sort()).toEqual(
          [poison.id, poisonFeedback.id].sort(),
        );
        expect(filed.every((row) => row.sqlState === '23514' && row.source === 'events')).toBe(
          true,
        );
        expect(JSON.parse(filed.find((row) => row.eventId === poison.id)?.payload ?? '')).toEqual(
          expect.objectContaining({ id: poison.id, text: poison.text }),
        );
        // Resending files nothing twice and stores nothing twice.
        const again = await send(events);
        expect(again).toMatchObject({ accepted: 0, duplicates: 10, rejected: 2 });
        expect(await count(deadLetters)).toBe(2);
      } finally {
        await allow('predictions');
        await allow('feedback');
      }
    });

    it('in the prediction log: the poison row is filed, every later row is written, readiness stays', async () => {
      await refuse('predictions');
      try {
        const writer = under.test.api.predictionWriter;
        const row = (clientId: string) =>
          predictionRow(
            predictionEvent({ client_id: clientId, runtime: 'server', source: 'api' }) as never,
            true,
          );
        const poison = row('poison');
        const rows = [...Array.from({ length: 700 }, () => row('api')), poison];
        expect(writer.add(rows)).toBe(true);
        expect(writer.add(Array.from({ length: 300 }, () => row('api')))).toBe(true);
        expect(await writer.drain(10_000)).toBe(0);
        expect(await count(predictions)).toBe(1000);
        const [filed] = await db().select().from(deadLetters);
        expect(filed).toMatchObject({ source: 'prediction_log', eventId: poison.id });
        expect(writer.health()).toMatchObject({ pending: 0, stalledMs: 0 });
        expect((await under.test.app.request('/readyz')).status).toBe(200);
      } finally {
        await allow('predictions');
      }
    });

    it('readiness says not ready while the prediction log cannot drain, and ready once it has', async () => {
      await db().execute(sql`alter table predictions rename to predictions_away`);
      try {
        const writer = under.test.api.predictionWriter;
        writer.add([predictionRow(predictionEvent({ runtime: 'server' }) as never, true)]);
        await expect
          .poll(async () => (await under.test.app.request('/readyz')).status, {
            timeout: 15_000,
            interval: 250,
          })
          .toBe(503);
        const body = (await (await under.test.app.request('/readyz')).json()) as { reason: string };
        expect(body.reason).toMatch(/prediction log not draining: 1 rows waiting/);
      } finally {
        await db().execute(sql`alter table predictions_away rename to predictions`);
      }
      expect(await under.test.api.predictionWriter.drain(10_000)).toBe(0);
      expect(await count(predictions)).toBe(1);
      expect((await under.test.app.request('/readyz')).status).toBe(200);
    });
  });

  describe('ids that differ only in case are one id', () => {
    it('an upper-case prediction id is stored in canonical form, and its lower-case twin is a duplicate', async () => {
      const id = randomUUID();
      const first = await send([predictionEvent({ id: id.toUpperCase() })]);
      expect(first).toMatchObject({ accepted: 1, duplicates: 0, rejected: 0 });
      const second = await send([predictionEvent({ id })]);
      expect(second).toMatchObject({ accepted: 0, duplicates: 1, rejected: 0 });
      expect(await db().select({ id: predictions.id }).from(predictions)).toEqual([{ id }]);
    });

    it('two feedback events whose ids differ only in case: the second is a repeat in the batch', async () => {
      const prediction = predictionEvent();
      const id = randomUUID();
      const result = await send([
        prediction,
        feedbackEvent(prediction.id, { id }),
        feedbackEvent(prediction.id, { id: id.toUpperCase(), label: 'positive' }),
      ]);
      expect(result).toMatchObject({ accepted: 2, rejected: 1 });
      expect(result.errors).toEqual([
        expect.objectContaining({ index: 2, code: 'duplicate_in_batch', field: 'id' }),
      ]);
      expect(await db().select({ eventId: feedback.eventId }).from(feedback)).toEqual([
        { eventId: id },
      ]);
    });

    it('feedback on a prediction id in another case lands on the same prediction', async () => {
      const prediction = predictionEvent();
      const result = await send([
        prediction,
        feedbackEvent(prediction.id.toUpperCase(), {
          created_at: new Date(Date.now() - 1000).toISOString(),
        }),
        feedbackEvent(prediction.id, { label: 'positive' }),
      ]);
      expect(result).toMatchObject({ accepted: 3, rejected: 0 });
      expect(await db().select({ label: feedback.label }).from(feedback)).toEqual([
        { label: 'positive' },
      ]);
    });

    it('a later batch: feedback whose event id differs only in case from a stored one is a duplicate', async () => {
      const prediction = predictionEvent();
      const verdict = feedbackEvent(prediction.id);
      await send([prediction, verdict]);
      const again = await send([{ ...verdict, id: verdict.id.toUpperCase() }]);
      expect(again).toMatchObject({ accepted: 0, duplicates: 1, rejected: 0 });
    });
  });

  describe('concurrent copies of one event store one row and count one acceptance', () => {
    const parallel = (events: () => unknown[], copies = 20) =>
      Promise.all(Array.from({ length: copies }, () => send(events())));
    const sum = (results: EventBatchResult[], key: 'accepted' | 'duplicates') =>
      results.reduce((total, result) => total + result[key], 0);

    it('20 parallel copies of one feedback event', async () => {
      const prediction = predictionEvent();
      await send([prediction]);
      const verdict = feedbackEvent(prediction.id);
      const results = await parallel(() => [verdict]);
      expect(sum(results, 'accepted')).toBe(1);
      expect(sum(results, 'duplicates')).toBe(19);
      expect(await count(feedback)).toBe(1);
    });

    it('20 parallel requests with one feedback event id on different predictions', async () => {
      const id = randomUUID();
      const results = await parallel(() => [feedbackEvent(randomUUID(), { id })]);
      expect(sum(results, 'accepted')).toBe(1);
      expect(sum(results, 'duplicates')).toBe(19);
      expect(await count(feedback)).toBe(1);
    });

    it('20 parallel copies of one prediction and its feedback', async () => {
      const prediction = predictionEvent();
      const verdict = feedbackEvent(prediction.id);
      const results = await parallel(() => [prediction, verdict]);
      expect(sum(results, 'accepted')).toBe(2);
      expect(sum(results, 'duplicates')).toBe(38);
      expect(await count(predictions)).toBe(1);
      expect(await count(feedback)).toBe(1);
    });
  });

  describe('no request mints a model version, a metric series or a quality row', () => {
    const metricsText = async () => (await under.test.app.request('/metrics')).text();

    it('1,000 invented versions are each refused, and neither /metrics nor /api/quality grows', async () => {
      const invent = (i: number) =>
        predictionEvent({ model: { name: modelName, version: String(1000 + i) } });
      // One accepted and one refused event first, so every series a batch touches exists.
      await send([predictionEvent(), invent(999)]);
      // The product's own series; the process's (GC kinds and the like) come and go by themselves.
      const series = async () =>
        (await metricsText()).split('\n').filter((line) => line.startsWith('polarity_')).length;
      const before = await series();
      const invented = Array.from({ length: 1000 }, (_, i) => invent(i));
      const results = await Promise.all([send(invented.slice(0, 500)), send(invented.slice(500))]);
      for (const result of results) {
        expect(result).toMatchObject({ accepted: 0, rejected: 500 });
        expect(new Set(result.errors.map((e) => `${e.code} ${e.field}`))).toEqual(
          new Set(['unknown_model_version model.version']),
        );
      }
      expect(await series()).toBe(before);
      expect(await metricsText()).not.toMatch(/model_version="1\d\d\d"/);
      expect(await count(predictions)).toBe(1);
      const quality = await (await under.test.app.request('/api/quality')).text();
      expect(quality).not.toMatch(/"1\d\d\d"/);
    });

    it('versions the registry knows are stored; another model name is refused', async () => {
      const result = await send([
        predictionEvent({ model: { name: modelName, version: '2' } }),
        predictionEvent({ model: { name: 'someone-elses-model', version: '1' } }),
        predictionEvent({ model: { name: modelName, version: '01' } }),
      ]);
      expect(result).toMatchObject({ accepted: 1, rejected: 2 });
      expect(result.errors.map((e) => [e.index, e.code])).toEqual([
        [1, 'unknown_model_version'],
        [2, 'unknown_model_version'],
      ]);
    });
  });

  describe('names from URLs never reach a prototype property', () => {
    it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'])(
      'alias %s is a JSON 404',
      async (alias) => {
        const response = await under.test.app.request(`/api/models/${modelName}/aliases/${alias}`);
        expect(response.status).toBe(404);
        expect(await errorOf(response)).toMatchObject({ code: 'not_found' });
      },
    );

    it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
      'docs asset and model file %s are JSON 404s',
      async (name) => {
        for (const path of [`/docs/${name}`, `/api/models/${modelName}/versions/1/files/${name}`]) {
          const response = await under.test.app.request(path);
          expect(response.status, path).toBe(404);
          expect((await errorOf(response)).code, path).toBe('not_found');
        }
      },
    );
  });

  describe('unknown API routes', () => {
    it.each([
      ['GET', '/api/nope'],
      ['GET', '/api/events'],
      ['GET', `/api/models/${modelName}`],
      ['POST', '/api/models'],
      ['GET', '/api/'],
      ['GET', '/api'],
      ['DELETE', '/api/predict'],
      ['PUT', '/api/events'],
      ['GET', '/api/admin/models'],
      ['GET', '/api/predict/extra'],
    ])('%s %s is a JSON 404, not the web app', async (method, path) => {
      const response = await under.test.app.request(path, { method });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(await errorOf(response)).toMatchObject({ code: 'not_found' });
    });
  });

  it('a full batch of 500 valid events is stored whole', async () => {
    const events = Array.from({ length: 500 }, () => predictionEvent());
    expect(await send(events)).toMatchObject({ accepted: 500, rejected: 0 });
    const [row] = rowsOf<{ n: number }>(
      await db().execute(sql`select count(*)::int as n from predictions`),
    );
    expect(row?.n).toBe(500);
  });
});
