import { describe, expect, it } from 'vitest';
import { ApiRequestError, parseRetryAfter } from '../../src/contracts/index.ts';

const refused = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers });

describe('ApiRequestError.read', () => {
  it("carries the server's code, message, field and Retry-After", async () => {
    const error = await ApiRequestError.read(
      refused(
        429,
        JSON.stringify({ error: { code: 'rate_limited', message: 'slow down', field: 'events' } }),
        { 'retry-after': '3' },
      ),
      'POST /api/events',
    );
    expect(error).toMatchObject({
      status: 429,
      code: 'rate_limited',
      serverMessage: 'slow down',
      field: 'events',
      retryAfter: 3000,
    });
    expect(error.message).toBe('POST /api/events: 429 slow down (field events)');
  });

  it('names the status when the body is not the API error (a proxy page, say)', async () => {
    const error = await ApiRequestError.read(refused(502, '<html>Bad Gateway</html>'), 'GET /x');
    expect(error).toMatchObject({ status: 502, code: 'http_502', retryAfter: undefined });
    expect(error.serverMessage).toBe('<html>Bad Gateway</html>');
    expect(error.field).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
