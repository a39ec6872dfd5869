import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '@polarity/core/contracts';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  burstAddress,
  type FairnessResult,
  fairnessReport,
  measureFairness,
  send,
} from '../../bench/fairness.bench.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { shippedModelAvailable, shippedRegistryDir } from '../support/model-registry.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';

/**
 * The issue asks that one client's burst delay `/healthz` and other clients by no more than
 * about 100 ms; the bound leaves room for a shared CI machine. Before inference left the main
 * thread, this burst kept `/healthz` waiting 2 to 14 s.
 */
const bystanderBoundMs = 500;

/** Server predictions logged per client, once the write-behind log has caught up with `expected`. */
async function loggedPerClient(url: string, expected: Record<string, number>) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    let counts: Record<string, number> = {};
    for (let attempt = 0; attempt < 100; attempt++) {
      const rows = await client<{ client_id: string; n: number }[]>`
        select client_id, count(*)::int as n from predictions where runtime = 'server' group by client_id`;
      counts = Object.fromEntries(rows.map((row) => [row.client_id, row.n]));
      if (Object.entries(expected).every(([id, n]) => (counts[id] ?? 0) >= n)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return counts;
  } finally {
    await client.end({ timeout: 2 });
  }
}

describe.skipIf(!shippedModelAvailable)('one client cannot stall everyone', () => {
  let database: TestDatabase;
  let dataDir: string;
  let server: ServerProcess;
  let result: FairnessResult;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'polarity-fairness-'));
    server = await startServerProcess({
      env: {
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        REGISTRY_DIR: shippedRegistryDir,
        // The defaults, which the helper turns off: the burst is inside the write limit's burst.
        RATE_LIMIT_PER_SECOND: '50',
        RATE_LIMIT_BURST: '100',
      },
    });
    result = await measureFairness(server.url, 100);
    console.log(fairnessReport(result));
  }, 120_000);

  afterAll(async () => {
    await server?.kill('SIGTERM');
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps /healthz and another client’s one-text predict answering while one client bursts', () => {
    expect(result.healthz.length).toBeGreaterThan(0);
    expect(result.bystanderStatuses.every((status) => status === 200)).toBe(true);
    expect(Math.max(...result.healthz)).toBeLessThanOrEqual(bystanderBoundMs);
    expect(Math.max(...result.bystanderPredict)).toBeLessThanOrEqual(bystanderBoundMs);
  });

  it('answers the burst beyond the client’s inference budget 429 with Retry-After, naming the reason', () => {
    const statuses = new Set(result.burst.map((answer) => answer.status));
    expect([...statuses].sort()).toEqual([200, 429]);
    const refused = result.burst.filter((answer) => answer.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(50);
    for (const answer of refused) {
      expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(ApiError.parse(JSON.parse(answer.body)).error.code).toBe('inference_budget_exceeded');
    }
  });

  it('logs every prediction it answered and nothing it refused', async () => {
    const answered = result.burst.filter((answer) => answer.status === 200).length;
    // The probes' predictions, and one warm-up before the burst.
    const probes = result.bystanderStatuses.length + 1;
    const logged = await loggedPerClient(database.url, { burst: answered * 64, probe: probes });
    expect(logged).toEqual({ burst: answered * 64, probe: probes });
  });

  it('serves the bursting client again once its Retry-After has passed', async () => {
    const agent = new Agent({ keepAlive: false });
    const body = JSON.stringify({ text: 'Back after waiting.', client_id: 'burst' });
    try {
      const refused = await send(server.url, '/api/predict', {
        localAddress: burstAddress,
        agent,
        body,
      });
      if (refused.status === 429) {
        const seconds = Number(refused.headers['retry-after']);
        await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      }
      const again = await send(server.url, '/api/predict', {
        localAddress: burstAddress,
        agent,
        body,
      });
      expect(again.status).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});
