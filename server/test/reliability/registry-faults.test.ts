import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PredictResponse } from '@polarity/core/contracts';
import {
  type MlflowProtocolServer,
  startMlflowProtocolServer,
} from '@polarity/core/mlflow-stand-in';
import { MlflowRegistry } from '@polarity/core/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useAppUnderTest } from '../support/app-under-test.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { modelName, shippedModelAvailable, shippedRegistryDir } from '../support/model-registry.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { errorOf, metricValue, postJson as postToApp } from '../support/test-app.ts';
import { postJson } from './support/http.ts';

/** The value of an unlabelled series in a Prometheus text exposition. */
function gauge(exposition: string, name: string): number | undefined {
  const line = exposition.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

describe.skipIf(!shippedModelAvailable)('MLflow unreachable or slow', () => {
  let mlflow: MlflowProtocolServer | undefined;
  let database: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'polarity-mlflow-'));
    mlflow = await startMlflowProtocolServer();
    const registry = new MlflowRegistry({
      trackingUri: mlflow.url,
      cacheDir: join(dir, 'publisher-cache'),
    });
    const { version } = await registry.registerVersion(modelName, {
      dir: join(shippedRegistryDir, modelName, '1'),
      params: {},
      metrics: { test_accuracy: 0.9 },
    });
    await registry.setAlias(modelName, 'champion', version);
    database = await createTestDatabase();
    server = await startServerProcess({
      env: {
        DATABASE_URL: database.url,
        MLFLOW_TRACKING_URI: mlflow.url,
        REGISTRY_DIR: join(dir, 'registry'),
        DATA_DIR: join(dir, 'data'),
        CHAMPION_POLL_INTERVAL_MS: '1000',
      },
    });
  }, 60_000);
  afterAll(async () => {
    await server?.kill();
    await mlflow?.close();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  async function servesCachedChampion(url: string) {
    for (const file of ['model.onnx', 'tokenizer.json', 'config.json']) {
      const response = await fetch(`${url}/api/models/${modelName}/versions/1/files/${file}`);
      expect(response.status, file).toBe(200);
      await response.arrayBuffer();
    }
    const predicted = await postJson(`${url}/api/predict`, {
      text: 'Still works while the registry is down.',
    });
    expect(predicted.status).toBe(200);
    expect(PredictResponse.parse(predicted.body).predictions[0]!.model.version).toBe('1');
  }
  const degraded = async (url: string) =>
    gauge(await (await fetch(`${url}/metrics`)).text(), 'polarity_registry_degraded');

  it('keeps serving the cached champion and reports degraded while MLflow is down, then recovers', async () => {
    const { url } = server!;
    await servesCachedChampion(url);
    expect(await degraded(url)).toBe(0);

    await mlflow!.stop();
    await servesCachedChampion(url);
    await expect.poll(() => degraded(url), { timeout: 15_000, interval: 250 }).toBe(1);
    await servesCachedChampion(url);

    await mlflow!.start();
    await expect.poll(() => degraded(url), { timeout: 15_000, interval: 250 }).toBe(0);
  }, 60_000);

  it('keeps serving while MLflow answers slower than the client waits', async () => {
    const { url } = server!;
    mlflow!.setDelay(20_000);
    try {
      await servesCachedChampion(url);
      await expect.poll(() => degraded(url), { timeout: 20_000, interval: 500 }).toBe(1);
      await servesCachedChampion(url);
    } finally {
      mlflow!.setDelay(0);
    }
  }, 60_000);
});

describe.skipIf(!shippedModelAvailable)('a corrupt model file in the registry', () => {
  const under = useAppUnderTest({
    versions: 2,
    prepare: (copy) => copy.tamper('2', 'model.onnx'),
    env: { CHAMPION_POLL_INTERVAL_MS: '1000', RATE_LIMIT_PER_SECOND: '0' },
    startModels: true,
  });

  it('refuses to deliver it (502) and counts the integrity failure', async () => {
    const before = await metricValue(under.test.metrics.artifactIntegrityFailures, {
      model_version: '2',
    });
    const response = await under.test.app.request(
      `/api/models/${modelName}/versions/2/files/model.onnx`,
    );
    expect(response.status).toBe(502);
    expect((await errorOf(response)).code).toBe('artifact_corrupt');
    expect(
      await metricValue(under.test.metrics.artifactIntegrityFailures, { model_version: '2' }),
    ).toBe(before + 1);
    // The intact files of the same version are still delivered.
    expect(
      (await under.test.app.request(`/api/models/${modelName}/versions/2/files/config.json`))
        .status,
    ).toBe(200);
  });

  it('keeps the previous champion in use when the new one is corrupt', async () => {
    const before = await metricValue(under.test.metrics.artifactIntegrityFailures, {});
    await under.registryCopy.registry.setAlias(modelName, 'champion', '2');
    await expect
      .poll(() => metricValue(under.test.metrics.artifactIntegrityFailures, {}), {
        timeout: 10_000,
      })
      .toBeGreaterThan(before);
    const predicted = await postToApp(under.test.app, '/api/predict', {
      text: 'Which version answers?',
    });
    expect(predicted.status).toBe(200);
    expect(PredictResponse.parse(await predicted.json()).predictions[0]!.model.version).toBe('1');
    expect(under.test.api.models.current()?.version).toBe('1');
    // Pinning the corrupt version is refused too, without a 5xx other than 502.
    const pinned = await postToApp(under.test.app, '/api/predict', {
      text: 'Pinned.',
      model_version: '2',
    });
    expect(pinned.status).toBe(502);
  });
});
