import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiRequestError } from '@polarity/core/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../api-client.ts';

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

let server: Server | undefined;
async function serve(handler: Handler): Promise<string> {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => handler(request, response, body));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

const json = (
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};
const batchResult = { accepted: 1, duplicates: 0, rejected: 0, errors: [] };
const feedback = {
  type: 'feedback' as const,
  id: crypto.randomUUID(),
  created_at: new Date().toISOString(),
  client_id: 'simulator-test',
  prediction_id: crypto.randomUUID(),
  label: 'positive' as const,
};

describe('createApiClient', () => {
  it('waits out a 429 and retries the very same events', async () => {
    const bodies: string[] = [];
    const url = await serve((_, response, body) => {
      bodies.push(body);
      if (bodies.length === 1)
        json(
          response,
          429,
          { error: { code: 'rate_limited', message: 'slow down' } },
          { 'retry-after': '1' },
        );
      else json(response, 200, batchResult);
    });
    const started = Date.now();
    expect(await createApiClient(url).sendEvents([feedback])).toEqual(batchResult);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
  });

  it('does not retry a refused event batch and reports the API error code', async () => {
    let calls = 0;
    const url = await serve((_, response) => {
      calls += 1;
      json(response, 422, {
        error: { code: 'invalid_body', message: 'events: too many', field: 'events' },
      });
    });
    const error = await createApiClient(url)
      .sendEvents([feedback])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 422, code: 'invalid_body', field: 'events' });
    expect((error as Error).message).toMatch(/POST .*\/api\/events: 422 events: too many/);
    expect(calls).toBe(1);
  });

  it('asks for server predictions as the simulator source', async () => {
    let request: unknown;
    const url = await serve((_, response, body) => {
      request = JSON.parse(body);
      json(response, 200, { explain: 'shown', predictions: [] });
    });
    await createApiClient(url).predict(['Great kettle.'], 'simulator-test');
    expect(request).toEqual({
      texts: ['Great kettle.'],
      client_id: 'simulator-test',
      source: 'simulator',
    });
  });

  it('refuses an answer that breaks the contract', async () => {
    const url = await serve((_, response) => json(response, 200, { accepted: 'many' }));
    await expect(createApiClient(url).sendEvents([feedback])).rejects.toThrow(/unexpected answer/);
  });

  it('treats a server without GET /api/quality as having nothing to report', async () => {
    const url = await serve((_, response) =>
      json(response, 404, { error: { code: 'not_found', message: 'no route' } }),
    );
    expect(await createApiClient(url).quality()).toBeUndefined();
  });
});
