import { ApiError, EventBatchResult, limits } from '@polarity/core/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { feedbackEvent, predictionEvent } from '../support/events.ts';
import {
  copyShippedRegistry,
  modelName,
  shippedModelAvailable,
} from '../support/model-registry.ts';
import { createTestApp } from '../support/test-app.ts';

const token = 'hostile-suite-admin-token-0001';
const json = { 'content-type': 'application/json' };

interface Case {
  name: string;
  method?: 'GET' | 'POST';
  path: string;
  /** The OpenAPI path template whose documented responses must include `status`. */
  route: string;
  /** An object is sent as JSON; a string is sent verbatim. */
  body?: unknown;
  headers?: Record<string, string>;
  status: number;
  /** error.code of an error answer, or the code of the single rejected event in a 200 batch */
  code?: string;
  field?: string;
  /** rows each table gains; anything not listed must stay unchanged */
  stores?: { predictions?: number; feedback?: number };
  /** texts that must be stored byte for byte */
  storedTexts?: string[];
}

const events = '/api/events';
const predict = '/api/predict';
const version = `/api/models/${modelName}/versions/1`;
const promote = `/api/admin/models/${modelName}/aliases/champion`;

/** One event in a batch: the batch answers 200 and lists it in `errors`. */
function badEvent(name: string, event: unknown, field?: string): Case {
  return {
    name: `event: ${name}`,
    path: events,
    route: events,
    body: { events: [event] },
    status: 200,
    code: 'invalid_event',
    ...(field && { field }),
  };
}
function storedEvent(name: string, text: string): Case {
  return {
    name: `event: ${name}`,
    path: events,
    route: events,
    body: { events: [predictionEvent({ text })] },
    status: 200,
    stores: { predictions: 1 },
    storedTexts: [text],
  };
}
function badPredict(name: string, body: unknown, field?: string, status = 422): Case {
  return {
    name: `predict: ${name}`,
    path: predict,
    route: predict,
    body,
    status,
    code: status === 422 ? 'invalid_request' : undefined,
    ...(field && { field }),
  };
}

const duplicate = predictionEvent();
const huge = 'x'.repeat(limits.maxBodyBytes + 10);
const rtl = 'المنتج ممتاز جدا \u202Egood\u202C وأنصح به';
const zeroWidth = 'gr\u200Beat\u200D pro\uFEFFduct\u2060!';
const emoji = '😀'.repeat(10_000);
const html = '<script>alert(1)</script><img src=x onerror=alert(2)>';
const sqlText = '\'); drop table predictions; -- " or 1=1 /*';

const cases: Case[] = [
  {
    name: 'malformed JSON',
    method: 'POST',
    path: events,
    route: events,
    body: '{"events": [',
    headers: json,
    status: 400,
    code: 'malformed_json',
  },
  {
    name: 'text/plain body',
    path: events,
    route: events,
    body: JSON.stringify({ events: [predictionEvent()] }),
    headers: { 'content-type': 'text/plain' },
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'form-encoded body',
    path: events,
    route: events,
    body: 'events=1',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'body is an array',
    path: events,
    route: events,
    body: [predictionEvent()],
    status: 422,
    code: 'invalid_request',
  },
  {
    name: 'missing events',
    path: events,
    route: events,
    body: {},
    status: 422,
    code: 'invalid_request',
    field: 'events',
  },
  {
    name: 'empty batch',
    path: events,
    route: events,
    body: { events: [] },
    status: 422,
    code: 'invalid_request',
    field: 'events',
  },
  {
    name: 'events is a string',
    path: events,
    route: events,
    body: { events: 'many' },
    status: 422,
    code: 'invalid_request',
    field: 'events',
  },
  {
    name: `batch of ${limits.maxEventsPerBatch + 1}`,
    path: events,
    route: events,
    body: { events: Array.from({ length: limits.maxEventsPerBatch + 1 }, () => ({})) },
    status: 422,
    code: 'invalid_request',
    field: 'events',
  },
  {
    name: 'extra top-level field',
    path: events,
    route: events,
    body: { events: [predictionEvent()], admin: true },
    status: 422,
    code: 'invalid_request',
  },
  {
    name: 'body over 1 MiB',
    path: events,
    route: events,
    body: JSON.stringify({ events: [predictionEvent({ text: huge })] }),
    headers: json,
    status: 413,
    code: 'payload_too_large',
  },
  badEvent(
    'text over 20,000 characters',
    predictionEvent({ text: 'y'.repeat(limits.maxTextLength + 1) }),
    'text',
  ),
  // zod measures strings in code points: 20,001 emoji are 20,001 characters (40,002 UTF-16 units).
  badEvent(
    '20,001 emoji',
    predictionEvent({ text: '😀'.repeat(limits.maxTextLength + 1) }),
    'text',
  ),
  badEvent('empty text', predictionEvent({ text: '' }), 'text'),
  badEvent('whitespace-only text', predictionEvent({ text: ' \t\n\u00a0 ' }), 'text'),
  badEvent('NUL byte in text', predictionEvent({ text: 'bad\u0000text' }), 'text'),
  badEvent('lone high surrogate', predictionEvent({ text: 'broken \uD83D text' }), 'text'),
  badEvent('lone low surrogate', predictionEvent({ text: '\uDE00 broken' }), 'text'),
  badEvent('latency as a string', predictionEvent({ latency_ms: '3' }), 'latency_ms'),
  badEvent('missing label', { ...predictionEvent(), label: undefined }, 'label'),
  badEvent('extra field in an event', predictionEvent({ is_admin: true })),
  badEvent('invalid UUID', predictionEvent({ id: 'not-a-uuid' }), 'id'),
  badEvent('UUID with SQL in it', predictionEvent({ id: "1' or '1'='1" }), 'id'),
  badEvent('invalid created_at', predictionEvent({ created_at: 'yesterday' }), 'created_at'),
  badEvent('unknown event type', { ...predictionEvent(), type: 'purchase' }, 'type'),
  badEvent(
    'probability above 1',
    predictionEvent({ probabilities: { negative: -1, positive: 2 } }),
    'probabilities.negative',
  ),
  badEvent('unknown runtime', predictionEvent({ runtime: 'gpu-cluster' }), 'runtime'),
  badEvent(
    'client id over 64 characters',
    predictionEvent({ client_id: 'c'.repeat(65) }),
    'client_id',
  ),
  badEvent('feedback with an invalid prediction id', feedbackEvent('nope'), 'prediction_id'),
  badEvent(
    'feedback with an unknown label',
    feedbackEvent(crypto.randomUUID(), { label: 'meh' }),
    'label',
  ),
  badEvent('null event', null),
  badEvent('number event', 42),
  {
    name: 'event: duplicate id inside one batch stores the first only',
    path: events,
    route: events,
    body: { events: [duplicate, { ...duplicate, text: 'second copy' }] },
    status: 200,
    code: 'duplicate_in_batch',
    field: 'id',
    stores: { predictions: 1 },
    storedTexts: [duplicate.text],
  },
  storedEvent('right-to-left text with a bidi override is stored as-is', rtl),
  storedEvent('zero-width characters are stored as-is', zeroWidth),
  storedEvent('10,000 emoji (20,000 characters) are accepted', emoji),
  storedEvent('HTML and script are stored as text', html),
  storedEvent('SQL-looking text is stored as text', sqlText),
  {
    name: 'event: feedback for an unknown prediction is accepted and kept',
    path: events,
    route: events,
    body: { events: [feedbackEvent(crypto.randomUUID())] },
    status: 200,
    stores: { feedback: 1 },
  },
  {
    name: 'predict: malformed JSON',
    method: 'POST',
    path: predict,
    route: predict,
    body: '{"text": "a',
    headers: json,
    status: 400,
    code: 'malformed_json',
  },
  {
    name: 'predict: text/plain body',
    path: predict,
    route: predict,
    body: '{"text":"good"}',
    headers: { 'content-type': 'text/plain' },
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'predict: body over 1 MiB',
    path: predict,
    route: predict,
    body: JSON.stringify({ text: huge }),
    headers: json,
    status: 413,
    code: 'payload_too_large',
  },
  badPredict('empty body object', {}, 'text'),
  badPredict('both text and texts', { text: 'a', texts: ['b'] }, 'text'),
  badPredict('text is a number', { text: 123 }, 'text'),
  badPredict('empty text', { text: '' }, 'text'),
  badPredict('whitespace-only text', { text: '\n\n   ' }, 'text'),
  badPredict('NUL byte', { text: 'a\u0000b' }, 'text'),
  badPredict('lone surrogate', { text: 'a\uD800b' }, 'text'),
  badPredict('text over 20,000 characters', { text: 'z'.repeat(limits.maxTextLength + 1) }, 'text'),
  badPredict(
    '65 texts',
    { texts: Array.from({ length: limits.maxPredictBatch + 1 }, () => 'ok') },
    'texts',
  ),
  badPredict('empty texts array', { texts: [] }, 'texts'),
  badPredict('a blank text among texts', { texts: ['fine', ' '] }, 'texts.1'),
  badPredict('extra field', { text: 'fine', debug: true }),
  badPredict('empty model_version', { text: 'fine', model_version: '' }, 'model_version'),
  badPredict('unknown source', { text: 'fine', source: 'crawler' }, 'source'),
  {
    name: 'predict: unknown model version',
    path: predict,
    route: predict,
    body: { text: 'fine', model_version: '999' },
    status: 404,
    code: 'not_found',
    field: 'model_version',
  },
  {
    name: 'predict: HTML text answers JSON',
    path: predict,
    route: predict,
    body: { text: html },
    status: 200,
    stores: { predictions: 1 },
    storedTexts: [html],
  },
  {
    name: 'predict: 10,000 emoji',
    path: predict,
    route: predict,
    body: { text: emoji },
    status: 200,
    stores: { predictions: 1 },
    storedTexts: [emoji],
  },
  {
    name: 'models: unknown model',
    method: 'GET',
    path: '/api/models/no-such-model/versions/1',
    route: '/api/models/{name}/versions/{version}',
    status: 404,
    code: 'not_found',
  },
  {
    name: 'models: unknown version',
    method: 'GET',
    path: `/api/models/${modelName}/versions/404`,
    route: '/api/models/{name}/versions/{version}',
    status: 404,
    code: 'not_found',
  },
  {
    name: 'models: SQL-looking version',
    method: 'GET',
    path: `/api/models/${modelName}/versions/${encodeURIComponent("1' or 1=1")}`,
    route: '/api/models/{name}/versions/{version}',
    status: 404,
    code: 'not_found',
  },
  {
    name: 'models: unknown file',
    method: 'GET',
    path: `${version}/files/secret.txt`,
    route: '/api/models/{name}/versions/{version}/files/{file}',
    status: 404,
    code: 'not_found',
  },
  {
    name: 'models: encoded path traversal',
    method: 'GET',
    path: `${version}/files/..%2F..%2F..%2Fpackage.json`,
    route: '/api/models/{name}/versions/{version}/files/{file}',
    status: 404,
    code: 'not_found',
  },
  {
    name: 'models: unknown alias',
    method: 'GET',
    path: `/api/models/${modelName}/aliases/nobody`,
    route: '/api/models/{name}/aliases/{alias}',
    status: 404,
    code: 'not_found',
  },
  {
    name: 'admin: no token',
    path: promote,
    route: '/api/admin/models/{name}/aliases/{alias}',
    body: { version: '1' },
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'admin: wrong token',
    path: promote,
    route: '/api/admin/models/{name}/aliases/{alias}',
    body: { version: '1' },
    headers: { authorization: 'Bearer hostile-suite-admin-token-0002' },
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'admin: version is a number',
    path: promote,
    route: '/api/admin/models/{name}/aliases/{alias}',
    body: { version: 1 },
    headers: { authorization: `Bearer ${token}` },
    status: 422,
    code: 'invalid_request',
    field: 'version',
  },
  {
    name: 'admin: unknown version',
    path: promote,
    route: '/api/admin/models/{name}/aliases/{alias}',
    body: { version: '404' },
    headers: { authorization: `Bearer ${token}` },
    status: 404,
    code: 'not_found',
  },
  {
    name: 'admin: malformed JSON',
    path: promote,
    route: '/api/admin/models/{name}/aliases/{alias}',
    body: '{',
    headers: { authorization: `Bearer ${token}`, ...json },
    status: 400,
    code: 'malformed_json',
  },
];

async function rowCounts(database: TestDatabase) {
  const [row] = rowsOf<{ predictions: number; feedback: number; model_versions: number }>(
    await database.db.execute(sql`select
      (select count(*)::int from predictions) as predictions,
      (select count(*)::int from feedback) as feedback,
      (select count(*)::int from model_versions) as model_versions`),
  );
  return row!;
}

describe.skipIf(!shippedModelAvailable)('hostile requests', () => {
  let database: TestDatabase;
  let registryCopy: Awaited<ReturnType<typeof copyShippedRegistry>>;
  let test: ReturnType<typeof createTestApp>;
  let documented: Record<string, Record<string, { responses: Record<string, unknown> }>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    registryCopy = await copyShippedRegistry();
    test = createTestApp({
      db: database.db,
      registry: registryCopy.registry,
      env: { ADMIN_TOKEN: token, RATE_LIMIT_PER_SECOND: '0' },
    });
    await test.api.models.start();
    documented = (
      (await (await test.app.request('/openapi.json')).json()) as { paths: typeof documented }
    ).paths;
  });
  afterAll(async () => {
    test?.api.models.stop();
    await test?.api.predictionWriter.drain(5_000);
    await database?.drop();
    await registryCopy?.remove();
  });

  it(`covers at least 40 cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('$name → $status', async (c) => {
    const method = c.method ?? (c.body === undefined ? 'GET' : 'POST');
    const before = await rowCounts(database);
    const response = await test.app.request(c.path, {
      method,
      headers: { ...(typeof c.body === 'string' ? {} : json), ...c.headers },
      ...(c.body === undefined
        ? {}
        : { body: typeof c.body === 'string' ? c.body : JSON.stringify(c.body) }),
    });
    expect(response.status).toBe(c.status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(
      Object.keys(documented[c.route]?.[method.toLowerCase()]?.responses ?? {}),
      'documented in /openapi.json',
    ).toContain(String(c.status));
    const body = (await response.json()) as unknown;
    if (c.status >= 400) {
      const error = ApiError.parse(body).error;
      expect(error.code).toBe(c.code);
      if (c.field !== undefined) expect(error.field).toBe(c.field);
      expect(error.message.length).toBeGreaterThan(0);
    } else if (c.path === events) {
      const result = EventBatchResult.parse(body);
      const sent = (c.body as { events: unknown[] }).events.length;
      expect(result.accepted + result.duplicates + result.rejected).toBe(sent);
      if (c.code === undefined) {
        expect(result.rejected).toBe(0);
      } else {
        expect(result.errors).toHaveLength(1);
        expect(result.errors[0]).toMatchObject({
          code: c.code,
          ...(c.field && { field: c.field }),
        });
      }
    }

    await test.api.predictionWriter.drain(5_000);
    const after = await rowCounts(database);
    expect(after).toEqual({
      predictions: before.predictions + (c.stores?.predictions ?? 0),
      feedback: before.feedback + (c.stores?.feedback ?? 0),
      model_versions: before.model_versions,
    });
    for (const text of c.storedTexts ?? []) {
      const [stored] = rowsOf<{ count: number }>(
        await database.db.execute(
          sql`select count(*)::int as count from predictions where text = ${text}`,
        ),
      );
      expect(stored?.count, 'stored byte for byte').toBeGreaterThanOrEqual(1);
    }
  });
});
