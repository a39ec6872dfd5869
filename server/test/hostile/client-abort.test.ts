import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useAppUnderTest } from '../support/app-under-test.ts';
import { metricValue } from '../support/test-app.ts';

/** Sends the head of a chunked POST and half a body, then hangs up. */
function abandonUpload(port: number, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
          'Transfer-Encoding: chunked\r\n\r\n10\r\n{"events": [{"ty\r\n',
      );
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 100);
    });
    socket.on('error', reject);
  });
}

describe('a client that abandons its upload', () => {
  const under = useAppUnderTest();
  let server: ReturnType<typeof serve>;
  let port: number;

  beforeAll(async () => {
    await new Promise<void>((resolve) => {
      server = serve({ fetch: under.test.app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
        port = (info as AddressInfo).port;
        resolve();
      });
    });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each(['/api/events', '/api/predict'])(
    'on %s is counted as 499, never as a server error',
    async (path) => {
      await abandonUpload(port, path);
      const requests = under.test.metrics.httpRequests;
      await expect
        .poll(() => metricValue(requests, { method: 'POST', status: '499' }), { timeout: 5_000 })
        .toBeGreaterThanOrEqual(1);
      const serverErrors = (await requests.get()).values.filter((v) =>
        String(v.labels.status).startsWith('5'),
      );
      expect(serverErrors).toEqual([]);
    },
  );
});
