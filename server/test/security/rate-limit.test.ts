import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { rateLimit } from '../../src/security/rate-limit.ts';

function appWith(ratePerSecond: number, burst: number) {
  return new Hono()
    .use('*', rateLimit({ ratePerSecond, burst, clientKey: (c) => c.req.header('x-peer') ?? '' }))
    .post('/write', (c) => c.json({ ok: true }));
}

const send = (app: Hono, peer: string) =>
  app.request('/write', { method: 'POST', headers: { 'x-peer': peer } });

describe('rateLimit', () => {
  it('lets a burst through, then answers 429 with Retry-After and a JSON error', async () => {
    const app = appWith(1, 3);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send(app, 'a')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await send(app, 'a');
    expect(limited.headers.get('Retry-After')).toBe('1');
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('keeps clients apart', async () => {
    const app = appWith(1, 1);
    expect((await send(app, 'a')).status).toBe(200);
    expect((await send(app, 'a')).status).toBe(429);
    expect((await send(app, 'b')).status).toBe(200);
  });

  it('refills at the sustained rate', async () => {
    const app = appWith(50, 1);
    expect((await send(app, 'a')).status).toBe(200);
    expect((await send(app, 'a')).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await send(app, 'a')).status).toBe(200);
  });

  it('is off at rate 0', async () => {
    const app = appWith(0, 1);
    for (let i = 0; i < 5; i++) expect((await send(app, 'a')).status).toBe(200);
  });
});
