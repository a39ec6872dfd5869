import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type MlflowProtocolServer,
  startMlflowProtocolServer,
} from '@polarity/core/mlflow-stand-in';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createRegistry,
  type ModelRegistry,
  type RegistryError,
} from '../../src/registry/index.ts';
import { removeDir, sameBytes, tempDir, writeExportFolder } from './support/export-folder.ts';

let root: string;
let exportDir: string;
let files: Record<string, Uint8Array>;
let server: MlflowProtocolServer;
let registry: ModelRegistry;

function code(promise: Promise<unknown>) {
  return promise.then(
    () => 'resolved',
    (error: RegistryError) => error.code,
  );
}

function register(description?: string) {
  return registry.registerVersion('sentiment', {
    dir: exportDir,
    params: { epochs: 3, lr: 0.01 },
    metrics: { accuracy: 0.91, f1: 0.9 },
    tags: { git: 'abc123' },
    ...(description === undefined ? {} : { description }),
  });
}

beforeEach(async () => {
  root = await tempDir('mlflow-registry');
  exportDir = join(root, 'export');
  await mkdir(exportDir);
  files = await writeExportFolder(exportDir);
  server = await startMlflowProtocolServer();
  registry = createRegistry({
    registryDir: join(root, 'registry'),
    mlflowTrackingUri: server.url,
    timeoutMs: 300,
  });
});

afterEach(async () => {
  await server.close();
  await removeDir(root);
});

describe('MLflow registry against the protocol server', () => {
  it('registers versions end to end: experiment, run, artifacts, model version', async () => {
    const first = await register('first');
    const second = await register();
    expect(registry.kind).toBe('mlflow');
    expect(first).toMatchObject({
      name: 'sentiment',
      version: '1',
      aliases: [],
      description: 'first',
      tags: { git: 'abc123' },
      params: { epochs: '3', lr: '0.01' },
      metrics: { accuracy: 0.91, f1: 0.9 },
    });
    expect(first.source).toBe(`mlflow-artifacts:/1/${first.runId}/artifacts/model`);
    expect(second.version).toBe('2');
    expect(second.runId).not.toBe(first.runId);

    const run = await fetch(`${server.url}/api/2.0/mlflow/runs/get?run_id=${first.runId}`);
    expect((await run.json()).run.info.status).toBe('FINISHED');
    const listing = await fetch(
      `${server.url}/api/2.0/mlflow-artifacts/artifacts?path=1/${first.runId}/artifacts/model`,
    );
    const names = (await listing.json()).files.map((f: { path: string }) => f.path);
    expect(names.sort()).toEqual([...Object.keys(files), 'manifest.json'].sort());

    expect((await registry.listVersions('sentiment')).map((v) => v.version)).toEqual(['1', '2']);
    expect(registry.health()).toEqual({ degraded: false });
  });

  it('sets, reads and deletes aliases', async () => {
    await register();
    await register();
    await registry.setAlias('sentiment', 'champion', '1');
    expect((await registry.getVersionByAlias('sentiment', 'champion')).version).toBe('1');
    await registry.setAlias('sentiment', 'champion', '2');
    expect(await registry.getVersionByAlias('sentiment', 'champion')).toMatchObject({
      version: '2',
      aliases: ['champion'],
    });
    const listed = await registry.listVersions('sentiment');
    expect(listed.map((v) => v.aliases)).toEqual([[], ['champion']]);

    await registry.deleteAlias('sentiment', 'champion');
    expect(await code(registry.getVersionByAlias('sentiment', 'champion'))).toBe('not_found');
    expect(await code(registry.setAlias('sentiment', 'champion', '9'))).toBe('not_found');
  });

  it('answers not_found for unknown models, versions and files', async () => {
    expect(await code(registry.listVersions('nope'))).toBe('not_found');
    expect(await code(registry.getVersionByAlias('nope', 'champion'))).toBe('not_found');
    await register();
    expect(await code(registry.getVersion('sentiment', '5'))).toBe('not_found');
    expect(await code(registry.readFile('sentiment', '1', 'weights.bin'))).toBe('not_found');
    expect(await code(registry.readFile('sentiment', '1', '../../x'))).toBe('invalid');
  });

  it('reads files verified against the manifest', async () => {
    await register();
    for (const [name, bytes] of Object.entries(files)) {
      expect(sameBytes(await registry.readFile('sentiment', '1', name), bytes), name).toBe(true);
    }
    expect((await registry.getManifest('sentiment', '1')).files).toHaveLength(6);
  });

  it('refuses an artifact replaced behind its back', async () => {
    const { source } = await register();
    server.putArtifact(`${source}/model.onnx`, new Uint8Array(4096));
    const error = await registry.readFile('sentiment', '1', 'model.onnx').catch((e) => e);
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/model sentiment version 1.*model\.onnx.*expected sha256/);
    expect(
      sameBytes(await registry.readFile('sentiment', '1', 'config.json'), files['config.json']),
    ).toBe(true);
  });

  it('maps an artifact missing from the store (500 INTERNAL_ERROR) to not_found', async () => {
    const { source } = await register();
    const elsewhere = 'mlflow-artifacts:/1/elsewhere/artifacts/model';
    const manifest = await registry.readFile('sentiment', '1', 'manifest.json');
    server.putArtifact(`${elsewhere}/manifest.json`, manifest);
    const created = await fetch(`${server.url}/api/2.0/mlflow/model-versions/create`, {
      method: 'POST',
      body: JSON.stringify({ name: 'sentiment', source: elsewhere }),
    });
    expect((await created.json()).model_version.version).toBe('2');
    const error = await registry.readFile('sentiment', '2', 'model.onnx').catch((e) => e);
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('model.onnx');
    expect(source).not.toBe(elsewhere);
  });

  it('serves cached files, versions and aliases while MLflow is down, and says so', async () => {
    await register();
    await registry.setAlias('sentiment', 'champion', '1');
    expect((await registry.getVersionByAlias('sentiment', 'champion')).version).toBe('1');
    const model = await registry.readFile('sentiment', '1', 'model.onnx');
    await registry.getVersion('sentiment', '1');

    await server.stop();
    expect((await registry.getVersionByAlias('sentiment', 'champion')).version).toBe('1');
    const health = registry.health();
    expect(health.degraded).toBe(true);
    expect(health.lastError).toContain(server.url);
    expect(sameBytes(await registry.readFile('sentiment', '1', 'model.onnx'), model)).toBe(true);
    expect((await registry.getVersion('sentiment', '1')).version).toBe('1');
    // Never fetched, so nothing to fall back on.
    expect(await code(registry.readFile('sentiment', '1', 'tokenizer.json'))).toBe('unreachable');
    expect(await code(registry.getVersionByAlias('sentiment', 'challenger'))).toBe('unreachable');
    expect(await code(registry.setAlias('sentiment', 'challenger', '1'))).toBe('unreachable');

    await server.start();
    expect((await registry.getVersionByAlias('sentiment', 'champion')).version).toBe('1');
    expect(registry.health()).toEqual({ degraded: false });
  });

  it('forgets a deleted alias so an outage cannot bring it back', async () => {
    await register();
    await registry.setAlias('sentiment', 'champion', '1');
    await registry.getVersionByAlias('sentiment', 'champion');
    await registry.deleteAlias('sentiment', 'champion');
    await server.stop();
    expect(await code(registry.getVersionByAlias('sentiment', 'champion'))).toBe('unreachable');
  });

  it('times out a slow MLflow as unreachable, falling back to the cache', async () => {
    await register();
    await registry.getVersion('sentiment', '1');
    server.setDelay(1_000);
    const started = Date.now();
    expect((await registry.getVersion('sentiment', '1')).version).toBe('1');
    expect(Date.now() - started).toBeLessThan(900);
    expect(registry.health()).toMatchObject({ degraded: true });
    expect(registry.health().lastError).toContain('no answer within 300 ms');
    expect(await code(registry.listVersions('sentiment'))).toBe('unreachable');
    server.setDelay(0);
  });
});
