import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBatchResult } from '@polarity/core/contracts';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { mixedEvents } from '../support/events.ts';
import { shippedModelAvailable, shippedRegistryDir } from '../support/model-registry.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { postJson } from './support/http.ts';

type Batch = Record<string, unknown>[];
const batchesOf = (events: Batch, size: number) =>
  Array.from({ length: Math.ceil(events.length / size) }, (_, i) =>
    events.slice(i * size, (i + 1) * size),
  );

/** Sends a batch as the outbox does: until it is answered 200 (503s and dropped connections are retried). */
async function deliver(urls: () => string, batch: Batch) {
  for (let attempt = 0; attempt < 60; attempt++) {
    const answer = await postJson(`${urls()}/api/events`, { events: batch }).catch(() => undefined);
    if (answer?.status === 200) return EventBatchResult.parse(answer.body);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('batch not delivered after 60 attempts');
}

/** A POST whose headers and first half are sent now; `finish()` sends the rest and resolves with the status. */
function halfSentPost(url: string, body: unknown) {
  const bytes = Buffer.from(JSON.stringify(body));
  const half = bytes.length >> 1;
  const request = httpRequest(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': bytes.length },
  });
  const status = new Promise<number>((resolve, reject) => {
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
  });
  request.write(bytes.subarray(0, half));
  return {
    finish() {
      request.end(bytes.subarray(half));
      return status;
    },
  };
}

async function expectStoredOnce(url: string, events: Batch) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const predictions = await client<
      { id: string }[]
    >`select id from predictions where runtime <> 'server'`;
    const feedback = await client<{ event_id: string }[]>`select event_id from feedback`;
    const sent = (type: string) =>
      events
        .filter((e) => e.type === type)
        .map((e) => e.id as string)
        .sort();
    expect(predictions.map((r) => r.id).sort()).toEqual(sent('prediction'));
    expect(feedback.map((r) => r.event_id).sort()).toEqual(sent('feedback'));
  } finally {
    await client.end({ timeout: 2 });
  }
}

describe.skipIf(!shippedModelAvailable)('process faults', () => {
  let database: TestDatabase;
  let dataDir: string;
  const running: ServerProcess[] = [];
  const start = async (
    env: Record<string, string> = {},
    options: Partial<Parameters<typeof startServerProcess>[0]> = {},
  ) => {
    const server = await startServerProcess({
      env: {
        DATABASE_URL: database.url,
        REGISTRY_DIR: shippedRegistryDir,
        DATA_DIR: dataDir,
        ...env,
      },
      ...options,
    });
    running.push(server);
    return server;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'polarity-process-'));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.kill()));
    await database?.drop();
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('SIGKILL during batches: the client retries everything and nothing is stored twice', async () => {
    database = await createTestDatabase();
    let server = await start();
    const events = mixedEvents(1500);
    const batches = batchesOf(events, 250);
    const first = batches.map((batch) =>
      postJson(`${server.url}/api/events`, { events: batch }).catch(() => undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await server.kill('SIGKILL')).toBeNull();
    const answered = (await Promise.all(first)).filter((answer) => answer?.status === 200).length;

    server = await start();
    // Responses may have been lost after the commit, so the outbox resends every batch.
    const results = await Promise.all(batches.map((batch) => deliver(() => server.url, batch)));
    expect(results.reduce((sum, r) => sum + r.accepted + r.duplicates, 0)).toBe(events.length);
    expect(results.every((r) => r.rejected === 0)).toBe(true);
    expect(answered).toBeLessThan(batches.length);
    await expectStoredOnce(database.url, events);
  }, 60_000);

  it('SIGTERM finishes in-flight requests and writes the prediction log before exiting', async () => {
    database = await createTestDatabase();
    const server = await start();
    const texts = Array.from(
      { length: 64 },
      (_, i) => `Drain test review ${i}: solid build, poor battery.`,
    );
    const events = mixedEvents(300);
    // Each request's headers and half its body are on the server when SIGTERM lands; the
    // rest follows after it, so these are in flight by construction, not by timing luck.
    const inFlight = [
      ...Array.from({ length: 4 }, () =>
        halfSentPost(`${server.url}/api/predict`, { texts, client_id: 'drain' }),
      ),
      ...batchesOf(events, 100).map((batch) =>
        halfSentPost(`${server.url}/api/events`, { events: batch }),
      ),
    ];
    await new Promise((resolve) => setTimeout(resolve, 500));
    const exit = server.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const statuses = await Promise.all(inFlight.map((request) => request.finish()));
    expect(statuses).toEqual(Array(inFlight.length).fill(200));
    expect(await exit).toBe(0);
    expect(server.output()).not.toMatch(/could not be logged/);

    const client = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      const [row] = await client<
        { n: number }[]
      >`select count(*)::int as n from predictions where client_id = 'drain'`;
      expect(row!.n).toBe(4 * texts.length);
    } finally {
      await client.end({ timeout: 2 });
    }
    await expectStoredOnce(database.url, events);
  }, 60_000);

  it('two API processes on one database store each event once; one monitor computes the quality gauges', async () => {
    database = await createTestDatabase();
    // A server prediction received 3 days ago: the monitor's retention job (1 day) erases its text.
    const expired = '00000000-0000-4000-8000-0000000000aa';
    await database.db.execute(sql`insert into predictions
      (id, created_at, received_at, model_name, model_version, label, prob_negative, prob_positive, runtime, latency_ms, text_length, text, text_sha256, client_id, source)
      values (${expired}, now() - interval '3 days', now() - interval '3 days', 'polarity-sentiment', '1', 'positive', 0.1, 0.9, 'server', 1, 3, 'old', 'x', 'retention', 'api')`);
    const [a, b] = await Promise.all([start({ ROLE: 'api' }), start({ ROLE: 'api' })]);
    const monitor = await start(
      { MONITOR_INTERVAL_MS: '1000', TEXT_RETENTION_DAYS: '1', ROLE: 'monitor' },
      { ready: /polarity monitor: metrics on/ },
    );
    const events = mixedEvents(600);
    const batches = batchesOf(events, 40);
    // Every batch goes to one process, and every third to both at once (an outbox retrying
    // against another replica while the first answer is still on its way).
    await Promise.all(
      batches.flatMap((batch, i) => {
        const targets = i % 3 === 0 ? [a!, b!] : [i % 2 === 0 ? a! : b!];
        return targets.map((server) => deliver(() => server.url, batch));
      }),
    );
    await expectStoredOnce(database.url, events);

    const predictionCount = /^polarity_window_predictions\{/m;
    await expect
      .poll(
        async () => predictionCount.test(await (await fetch(`${monitor.url}/metrics`)).text()),
        { timeout: 15_000 },
      )
      .toBe(true);
    await expect
      .poll(
        async () =>
          rowsOf<{ text: string | null }>(
            await database.db.execute(sql`select text from predictions where id = ${expired}`),
          )[0]?.text,
        { timeout: 10_000 },
      )
      .toBeNull();
    for (const api of [a!, b!]) {
      const exposition = await (await fetch(`${api.url}/metrics`)).text();
      expect(exposition).not.toMatch(predictionCount);
      expect(exposition).not.toMatch(/^polarity_model_accuracy_ratio\{/m);
    }
  }, 60_000);
});
