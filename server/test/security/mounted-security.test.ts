import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows.ts';
import { eraseExpiredTexts, scheduleRetention } from '../../src/privacy/retention.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { predictionEvent } from '../support/events.ts';
import { modelName } from '../support/model-registry.ts';
import { createTestApp, errorOf, postJson } from '../support/test-app.ts';

const allowed = 'https://reviews.example';

describe('security middleware on the real app', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  it('sends the security headers on the web app, the API, the docs and errors', async () => {
    const { app } = createTestApp({ db: database.db });
    for (const [path, init] of [
      ['/', undefined],
      ['/healthz', undefined],
      ['/api/models/polarity-sentiment/versions/1', undefined],
      ['/docs', undefined],
      ['/openapi.json', undefined],
      ['/api/no-such-route', undefined],
      [
        '/api/events',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' },
      ],
    ] as const) {
      const response = await app.request(path, init);
      expect(response.headers.get('Content-Security-Policy'), path).toContain("default-src 'self'");
      expect(response.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
      expect(response.headers.get('X-Frame-Options'), path).toBe('DENY');
      expect(response.headers.get('Cross-Origin-Opener-Policy'), path).toBe('same-origin');
    }
  });

  it('answers CORS only for the configured origins', async () => {
    const { app } = createTestApp({
      db: database.db,
      env: { CORS_ORIGINS: `${allowed}, https://other.example/` },
    });
    const from = (origin: string) =>
      app.request('/api/models/x/versions/1', { headers: { origin } });
    expect((await from(allowed)).headers.get('Access-Control-Allow-Origin')).toBe(allowed);
    expect((await from('https://other.example')).headers.get('Access-Control-Allow-Origin')).toBe(
      'https://other.example',
    );
    expect(
      (await from('https://evil.example')).headers.get('Access-Control-Allow-Origin'),
    ).toBeNull();

    const preflight = (origin: string) =>
      app.request('/api/events', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const ok = await preflight(allowed);
    expect(ok.headers.get('Access-Control-Allow-Origin')).toBe(allowed);
    expect(ok.headers.get('Access-Control-Allow-Methods')).toContain('POST');
    expect(
      (await preflight('https://evil.example')).headers.get('Access-Control-Allow-Origin'),
    ).toBeNull();
  });

  it('allows no cross-origin caller when CORS_ORIGINS is unset', async () => {
    const { app } = createTestApp({ db: database.db });
    const response = await app.request('/api/models/x/versions/1', {
      headers: { origin: allowed },
    });
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('limits writes per client with 429, Retry-After and a JSON error, and never limits reads', async () => {
    const { app } = createTestApp({
      db: database.db,
      env: { RATE_LIMIT_PER_SECOND: '1', RATE_LIMIT_BURST: '2' },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await postJson(app, '/api/events', { events: [predictionEvent()] })).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await postJson(app, '/api/predict', { text: 'Fine.' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    expect(await errorOf(limited)).toMatchObject({ code: 'rate_limited' });
    expect(limited.headers.get('X-Content-Type-Options')).toBe('nosniff');
    for (let i = 0; i < 5; i++) expect((await app.request('/healthz')).status).toBe(200);
    const { paths } = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, { post?: { responses: Record<string, unknown> } }>;
    };
    for (const route of ['/api/events', '/api/predict', '/api/admin/models/{name}/reload']) {
      expect(Object.keys(paths[route]?.post?.responses ?? {}), route).toContain('429');
    }
  });

  it('keeps admin routes disabled without ADMIN_TOKEN and compares the token exactly', async () => {
    const token = 'a-long-enough-admin-token-42';
    const disabled = createTestApp({ db: database.db });
    const reload = (app: typeof disabled.app, authorization?: string) =>
      app.request(`/api/admin/models/${modelName}/reload`, {
        method: 'POST',
        headers: authorization === undefined ? {} : { authorization },
      });
    expect((await reload(disabled.app, `Bearer ${token}`)).status).toBe(403);
    expect((await reload(disabled.app)).status).toBe(403);

    const { app } = createTestApp({ db: database.db, env: { ADMIN_TOKEN: token } });
    for (const wrong of [
      undefined,
      '',
      'Bearer ',
      `Bearer ${token.slice(0, -1)}`,
      `Bearer ${token}x`,
      `bearer ${token}`,
      `Basic ${token}`,
      `Bearer ${token.toUpperCase()}`,
    ]) {
      const response = await reload(app, wrong);
      expect(response.status, String(wrong)).toBe(401);
      expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
    }
    // The right token gets past the check (the registry folder does not exist, so no 401/403).
    expect([200, 404, 502, 503]).toContain((await reload(app, `Bearer ${token}`)).status);
  });
});

describe('privacy', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  it('STORE_TEXT=false stores only the sha256 and length of a review', async () => {
    const { app } = createTestApp({ db: database.db, env: { STORE_TEXT: 'false' } });
    const text = 'Private review: my address is 1 Main Street.';
    const event = predictionEvent({ text });
    expect((await postJson(app, '/api/events', { events: [event] })).status).toBe(200);
    const [row] = rowsOf<{ text: string | null; text_sha256: string; text_length: number }>(
      await database.db.execute(
        sql`select text, text_sha256, text_length from predictions where id = ${event.id}`,
      ),
    );
    expect(row?.text).toBeNull();
    expect(row?.text_length).toBe(text.length);
    expect(row?.text_sha256).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    const dump = JSON.stringify(rowsOf(await database.db.execute(sql`select * from predictions`)));
    expect(dump).not.toContain('Main Street');
  });

  it('retention erases texts older than N days and keeps labels, digests and feedback', async () => {
    const { app } = createTestApp({ db: database.db });
    const old = predictionEvent({ text: 'Old review text.' });
    const recent = predictionEvent({ text: 'Recent review text.' });
    const verdict = {
      type: 'feedback',
      id: randomUUID(),
      created_at: new Date().toISOString(),
      client_id: 'c',
      prediction_id: old.id,
      label: 'negative',
    };
    expect((await postJson(app, '/api/events', { events: [old, recent, verdict] })).status).toBe(
      200,
    );
    await database.db.execute(
      sql`update predictions set received_at = now() - interval '31 days' where id = ${old.id}`,
    );

    expect(await eraseExpiredTexts(database.db, 30)).toBe(1);
    const rows = rowsOf<{ id: string; text: string | null; label: string; text_length: number }>(
      await database.db.execute(
        sql`select id, text, label, text_length from predictions where id in (${old.id}, ${recent.id})`,
      ),
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(old.id)).toMatchObject({
      text: null,
      label: 'positive',
      text_length: 'Old review text.'.length,
    });
    expect(byId.get(recent.id)).toMatchObject({ text: 'Recent review text.' });
    const [kept] = rowsOf<{ label: string }>(
      await database.db.execute(sql`select label from feedback where prediction_id = ${old.id}`),
    );
    expect(kept?.label).toBe('negative');
    // Nothing left to erase; a second run changes nothing.
    expect(await eraseExpiredTexts(database.db, 30)).toBe(0);
    // At 1 day the recent text (received now) is still kept; 40 days on, it goes.
    expect(await eraseExpiredTexts(database.db, 1)).toBe(0);
    expect(
      await eraseExpiredTexts(database.db, 1, new Date(Date.now() + 40 * 86_400_000)),
    ).toBeGreaterThanOrEqual(1);

    const scheduled = predictionEvent({ text: 'Scheduled erase.' });
    await postJson(app, '/api/events', { events: [scheduled] });
    await database.db.execute(
      sql`update predictions set received_at = now() - interval '3 days' where id = ${scheduled.id}`,
    );
    const job = scheduleRetention({ db: database.db, days: 2, intervalMs: 60_000, log: () => {} });
    try {
      await expect
        .poll(
          async () =>
            rowsOf<{ text: string | null }>(
              await database.db.execute(
                sql`select text from predictions where id = ${scheduled.id}`,
              ),
            )[0]?.text,
        )
        .toBeNull();
    } finally {
      job.stop();
    }
  });
});
