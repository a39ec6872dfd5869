import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../healthcheck.mjs', import.meta.url));

/** A stand-in server: /readyz answers `readyStatus`, /healthz 200, and it records the paths asked. */
let readyStatus = 200;
const asked: string[] = [];
let server: Server;
let port: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    asked.push(request.url ?? '');
    const status = request.url === '/readyz' ? readyStatus : request.url === '/healthz' ? 200 : 404;
    response.writeHead(status, { 'content-type': 'application/json' }).end('{"status":"x"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = String((server.address() as AddressInfo).port);
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Runs the HEALTHCHECK as Docker does; its exit code is the verdict. */
async function healthcheck(env: Record<string, string>): Promise<number> {
  asked.length = 0;
  try {
    await promisify(execFile)(process.execPath, [script], {
      env: { PATH: process.env.PATH, ...env },
    });
    return 0;
  } catch (error) {
    return (error as { code: number }).code;
  }
}

describe('deploy/healthcheck.mjs (the image HEALTHCHECK)', () => {
  it('says healthy for the api only when /readyz says ready', async () => {
    readyStatus = 503;
    expect(await healthcheck({ ROLE: 'api', PORT: port })).toBe(1);
    expect(asked).toEqual(['/readyz']);
    readyStatus = 200;
    expect(await healthcheck({ ROLE: 'api', PORT: port })).toBe(0);
    expect(await healthcheck({ PORT: port })).toBe(0); // ROLE unset: all, which serves the API
  });

  it('probes the monitor on MONITOR_PORT /healthz', async () => {
    readyStatus = 503;
    expect(await healthcheck({ ROLE: 'monitor', MONITOR_PORT: port, PORT: '1' })).toBe(0);
    expect(asked).toEqual(['/healthz']);
  });

  it('says unhealthy when nothing answers', async () => {
    expect(await healthcheck({ ROLE: 'api', PORT: '1' })).toBe(1);
  });
});
