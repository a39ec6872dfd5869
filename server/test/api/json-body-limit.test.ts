import { limits } from '@polarity/core/contracts';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { jsonBodyLimit } from '../../src/openapi/json-body.ts';

const app = new Hono().post('/', jsonBodyLimit, async (c) =>
  c.text(String((await c.req.text()).length)),
);

const post = (body: string, headers: Record<string, string> = {}) =>
  app.request('/', { method: 'POST', body, headers });

describe('jsonBodyLimit', () => {
  it('judges a body with a Content-Length by the header alone', async () => {
    const declaredTooBig = await post('{}', { 'content-length': String(limits.maxBodyBytes + 1) });
    expect(declaredTooBig.status).toBe(413);
    expect(await declaredTooBig.json()).toEqual({
      error: { code: 'payload_too_large', message: expect.stringContaining('larger than') },
    });
    const withinLimit = await post('{"a":1}', { 'content-length': '7' });
    expect(withinLimit.status).toBe(200);
    expect(await withinLimit.text()).toBe('7');
  });

  it('counts the bytes of a body without a Content-Length', async () => {
    expect((await post('x'.repeat(limits.maxBodyBytes + 1))).status).toBe(413);
    const atLimit = await post('x'.repeat(limits.maxBodyBytes));
    expect(atLimit.status).toBe(200);
    expect(await atLimit.text()).toBe(String(limits.maxBodyBytes));
  });

  it('counts the bytes of a chunked body whatever its Content-Length says', async () => {
    const chunked = await post('x'.repeat(limits.maxBodyBytes + 1), {
      'content-length': '2',
      'transfer-encoding': 'chunked',
    });
    expect(chunked.status).toBe(413);
  });
});
