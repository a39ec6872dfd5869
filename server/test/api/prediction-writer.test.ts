import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { predictions } from '../../src/db/schema.ts';
import type { PredictionRow } from '../../src/ingest/event-rows.ts';
import { createPredictionWriter } from '../../src/ingest/prediction-writer.ts';
import { createServiceMetrics } from '../../src/metrics/service-metrics.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { shippedModelAvailable, shippedRegistryDir } from '../support/model-registry.ts';
import { createTestApp, errorOf, postJson } from '../support/test-app.ts';

function row(): PredictionRow {
  return {
    id: randomUUID(),
    createdAt: new Date(),
    modelName: 'polarity-sentiment',
    modelVersion: '1',
    label: 'positive',
    probNegative: 0.1,
    probPositive: 0.9,
    runtime: 'server',
    latencyMs: 0.2,
    textLength: 4,
    text: 'Good',
    textSha256: 'b'.repeat(64),
    clientId: 'api',
    source: 'api',
  };
}

/** The real database, except that its first `failures` queries fail as a dropped connection does. */
function flaky(db: Database, failures: number): Database {
  let left = failures;
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'execute' && left > 0) {
        left--;
        return () =>
          Promise.reject(Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' }));
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

describe('write-behind prediction log', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  it('keeps rows through a database outage and writes each exactly once when it is back', async () => {
    const { metrics } = createServiceMetrics();
    const writer = createPredictionWriter({
      db: flaky(database.db, 3),
      metrics,
      flushIntervalMs: 1,
    });
    const rows = Array.from({ length: 25 }, row);
    expect(writer.add(rows.slice(0, 10))).toBe(true);
    expect(writer.add(rows.slice(10))).toBe(true);
    expect(await writer.drain(10_000)).toBe(0);
    const stored = await database.db.select({ id: predictions.id }).from(predictions);
    expect(stored.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
    expect((await metrics.dbQueryErrors.get()).values[0]?.value).toBe(3);
  });

  it('refuses new rows once the bound is reached, and drain reports what it could not write', async () => {
    const { metrics } = createServiceMetrics();
    const writer = createPredictionWriter({
      db: flaky(database.db, 1_000),
      metrics,
      maxBufferedRows: 3,
    });
    expect(writer.add([row(), row()])).toBe(true);
    expect(writer.add([row(), row()])).toBe(false);
    expect(writer.add([row()])).toBe(true);
    expect(await writer.drain(200)).toBeGreaterThan(0);
  });

  it.skipIf(!shippedModelAvailable)(
    'answers /api/predict with 503 and Retry-After when the log cannot take the prediction',
    async () => {
      const test = createTestApp({ db: database.db, env: { REGISTRY_DIR: shippedRegistryDir } });
      await test.api.models.start();
      test.api.predictionWriter.add = () => false;
      const response = await postJson(test.app, '/api/predict', { text: 'Good' });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await errorOf(response)).code).toBe('prediction_log_full');
      test.api.models.stop();
    },
  );
});
