import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBatchResult } from '@polarity/core/contracts';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mixedEvents } from '../support/events.ts';
import { modelName, shippedModelAvailable, shippedRegistryDir } from '../support/model-registry.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { postJson } from './support/http.ts';
import {
  createTestCluster,
  type TestCluster,
  waitForPostgres,
} from './support/postgres-cluster.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const batchSize = 20;

describe.skipIf(!shippedModelAvailable)('Postgres goes away mid-ingestion', () => {
  let cluster: TestCluster | undefined;
  let server: ServerProcess | undefined;
  let dataDir: string;

  beforeAll(async () => {
    cluster = await createTestCluster();
    dataDir = await mkdtemp(join(tmpdir(), 'polarity-outage-'));
    server = await startServerProcess({
      env: { DATABASE_URL: cluster.url, REGISTRY_DIR: shippedRegistryDir, DATA_DIR: dataDir },
    });
  }, 60_000);
  afterAll(async () => {
    await server?.kill();
    await cluster?.destroy();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 + Retry-After for events, keeps serving models and predictions, and loses nothing', async () => {
    const { url } = server!;
    const events = mixedEvents(300);
    const batches = Array.from({ length: events.length / batchSize }, (_, i) =>
      events.slice(i * batchSize, (i + 1) * batchSize),
    );
    /** What the browser's outbox still holds: batches not answered 200. */
    const outbox: Record<string, unknown>[][] = [];
    const statuses: number[] = [];

    let stopped: Promise<void> | undefined;
    for (const [i, batch] of batches.entries()) {
      if (i === 5) stopped = cluster!.stop();
      if (i === 8) await stopped;
      const response = await postJson(`${url}/api/events`, { events: batch });
      statuses.push(response.status);
      if (response.status === 200) continue;
      outbox.push(batch);
      expect(response.status).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((response.body as { error: { code: string } }).error.code).toBe('storage_unavailable');
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(8)).toEqual(Array(statuses.length - 8).fill(503));

    // The database is down: readiness says so, models and server-side predictions still work.
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { status: string }).status).toBe('not_ready');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const champion = await fetch(`${url}/api/models/${modelName}/aliases/champion`);
    expect(champion.status).toBe(200);
    const { version } = (await champion.json()) as { version: string };
    for (const file of ['model.onnx', 'tokenizer.json', 'config.json']) {
      const download = await fetch(
        `${url}/api/models/${modelName}/versions/${version}/files/${file}`,
      );
      expect(download.status, file).toBe(200);
      expect((await download.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
    const predictedDuringOutage = 5;
    for (let i = 0; i < predictedDuringOutage; i++) {
      const predicted = await postJson(`${url}/api/predict`, {
        text: `Outage review ${i}: works fine.`,
        client_id: 'outage',
      });
      expect(predicted.status).toBe(200);
    }

    await cluster!.start();
    await waitForPostgres(cluster!.url);
    await expect
      .poll(async () => (await fetch(`${url}/readyz`)).status, { timeout: 20_000, interval: 250 })
      .toBe(200);

    // The outbox resends what failed, retrying 503s as Retry-After asks (shortened here).
    for (const batch of outbox) {
      for (let attempt = 0; ; attempt++) {
        const response = await postJson(`${url}/api/events`, { events: batch });
        if (response.status === 200) {
          const result = EventBatchResult.parse(response.body);
          expect(result.rejected).toBe(0);
          break;
        }
        expect(response.status).toBe(503);
        expect(attempt).toBeLessThan(40);
        await sleep(250);
      }
    }
    // A client that never saw its 200 sends everything again: all duplicates.
    let duplicates = 0;
    for (const batch of batches) {
      const response = await postJson(`${url}/api/events`, { events: batch });
      expect(response.status).toBe(200);
      const result = EventBatchResult.parse(response.body);
      expect(result.accepted).toBe(0);
      duplicates += result.duplicates;
    }
    expect(duplicates).toBe(events.length);

    const sql = postgres(cluster!.url, { max: 1, onnotice: () => {} });
    try {
      const predictionIds = events
        .filter((e) => e.type === 'prediction')
        .map((e) => e.id as string);
      const feedbackIds = events.filter((e) => e.type === 'feedback').map((e) => e.id as string);
      const storedPredictions = await sql<
        { id: string }[]
      >`select id from predictions where runtime <> 'server'`;
      const storedFeedback = await sql<{ event_id: string }[]>`select event_id from feedback`;
      expect(storedPredictions.map((r) => r.id).sort()).toEqual([...predictionIds].sort());
      expect(storedFeedback.map((r) => r.event_id).sort()).toEqual([...feedbackIds].sort());
      // The write-behind log kept the outage's server predictions and wrote them once.
      await expect
        .poll(
          async () =>
            (
              await sql<
                { n: number }[]
              >`select count(*)::int as n from predictions where client_id = 'outage'`
            )[0]!.n,
          { timeout: 15_000 },
        )
        .toBe(predictedDuringOutage);
    } finally {
      await sql.end({ timeout: 2 });
    }
  }, 60_000);
});
