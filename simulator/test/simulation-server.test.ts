import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '@polarity/model-export/random';
import { rowsOf } from '@polarity/server/db';
import {
  createTestDatabase,
  type ServerProcess,
  startServerProcess,
  type TestDatabase,
} from '@polarity/server/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../api-client.ts';
import { parseOptions } from '../options.ts';
import { defaultDataDir, loadTestReviews, reviewSource } from '../reviews.ts';
import { runSimulation } from '../simulation.ts';

/** A real server process on a database of its own, fed by the simulator over HTTP. */
describe.skipIf(!existsSync(defaultDataDir))('the simulator against a real server', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let dataDir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'polarity-simulator-'));
    server = await startServerProcess({
      env: { DATABASE_URL: database.url, DATA_DIR: dataDir, ROLE: 'api' },
    });
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const count = async (query: ReturnType<typeof sql>) =>
    rowsOf<{ n: number }>(await database.db.execute(query))[0]!.n;

  /** The server may buffer what it writes; poll the database until it holds `expected` rows. */
  async function eventually(query: ReturnType<typeof sql>, expected: number) {
    const deadline = Date.now() + 10_000;
    let n = await count(query);
    while (n < expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      n = await count(query);
    }
    return n;
  }

  async function simulate(argv: string[], clientId: string) {
    const reviews = await loadTestReviews();
    return runSimulation(
      parseOptions([`--url=${server.url}`, ...argv]),
      {
        api: createApiClient(server.url),
        reviews: reviewSource(reviews, 3),
        random: seededRandom(3),
        clientId,
      },
      new AbortController().signal,
    );
  }

  it('stores every client-style prediction and feedback it sent, once', async () => {
    const clientId = 'simulator-client-mode';
    const summary = await simulate(
      [
        '--predictions=client',
        '--model-version=1',
        '--rate=10',
        '--duration=3s',
        '--feedback-share=0.5',
        '--feedback-delay=300ms',
      ],
      clientId,
    );

    expect(summary.errors).toEqual([]);
    expect(summary.predictions).toEqual({
      sent: 30,
      accepted: 30,
      duplicates: 0,
      rejected: 0,
      failed: 0,
    });
    expect(summary.feedback.sent).toBeGreaterThan(5);
    expect(summary.feedback).toMatchObject({
      accepted: summary.feedback.sent,
      failed: 0,
      rejected: 0,
    });
    expect(
      await count(
        sql`select count(*)::int as n from predictions where client_id = ${clientId} and source = 'simulator'`,
      ),
    ).toBe(30);
    expect(
      await count(sql`select count(*)::int as n from feedback where client_id = ${clientId}`),
    ).toBe(summary.feedback.sent);
    expect(summary.stored).toEqual({ predictions: 30, feedback: summary.feedback.sent });
  });

  it('stores every server prediction it asked for, and degraded feedback contradicts each', async () => {
    const clientId = 'simulator-server-mode';
    const summary = await simulate(
      [
        '--predictions=server',
        '--rate=5',
        '--duration=2s',
        '--feedback-share=1',
        '--feedback-delay=200ms',
        '--degrade',
      ],
      clientId,
    );

    expect(summary.errors).toEqual([]);
    expect(summary.predictions).toMatchObject({ sent: 10, accepted: 10, failed: 0 });
    expect(summary.accuracySeen).toBe(0);
    expect(
      await eventually(
        sql`select count(*)::int as n from predictions where client_id = ${clientId} and runtime = 'server'`,
        10,
      ),
    ).toBe(10);
    expect(
      await count(sql`select count(*)::int as n from feedback f join predictions p on p.id = f.prediction_id
                      where f.client_id = ${clientId} and f.label <> p.label`),
    ).toBe(10);
  });
});
