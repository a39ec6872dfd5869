import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type MlflowProtocolServer,
  startMlflowProtocolServer,
} from '@polarity/core/mlflow-stand-in';
import {
  createRegistry,
  LocalRegistry,
  type ModelRegistry,
  manifestFileName,
  sha256Hex,
} from '@polarity/core/registry';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedChampion, seededFromTag } from '../seed-champion.ts';

const model = 'polarity-sentiment';
const weights = new TextEncoder().encode('not really onnx, but bytes with a checksum');

async function exportFolder(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'model.onnx'), weights);
  const files = [{ name: 'model.onnx', sha256: sha256Hex(weights), size: weights.byteLength }];
  await writeFile(join(dir, manifestFileName), JSON.stringify({ files }));
  return dir;
}

describe('seedChampion', () => {
  let work: string;
  let mlflow: MlflowProtocolServer;
  let shipped: LocalRegistry;
  let target: ModelRegistry;

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'polarity-seed-'));
    mlflow = await startMlflowProtocolServer();
    shipped = new LocalRegistry(join(work, 'registry'));
    const dir = await exportFolder(join(work, 'export'));
    await shipped.registerVersion(model, { dir, params: { C: 1 }, metrics: { accuracy: 0.85 } });
    const second = await shipped.registerVersion(model, {
      dir,
      params: { C: 2 },
      metrics: { accuracy: 0.87 },
    });
    await shipped.setAlias(model, 'champion', second.version);
    target = createRegistry({
      registryDir: join(work, 'registry'),
      mlflowTrackingUri: mlflow.url,
      cacheDir: join(work, 'cache'),
    });
  });

  afterEach(async () => {
    await mlflow.close();
    await rm(work, { recursive: true, force: true });
  });

  it('copies the shipped champion into an empty MLflow and makes it champion there', async () => {
    const outcome = await seedChampion(shipped, target, model);

    expect(outcome).toEqual({ action: 'registered', version: '1', from: `registry/${model}/2` });
    const champion = await target.getVersionByAlias(model, 'champion');
    expect(champion.version).toBe('1');
    expect(champion.metrics).toEqual({ accuracy: 0.87 });
    expect(champion.tags[seededFromTag]).toBe(`registry/${model}/2`);
    expect(await target.readFile(model, '1', 'model.onnx')).toEqual(weights);
  });

  it('changes nothing on a second run', async () => {
    await seedChampion(shipped, target, model);
    const outcome = await seedChampion(shipped, target, model);

    expect(outcome).toEqual({ action: 'kept', version: '1' });
    expect(await target.listVersions(model)).toHaveLength(1);
  });

  it('finishes a seed interrupted between registering and promoting', async () => {
    await seedChampion(shipped, target, model);
    await target.deleteAlias(model, 'champion');

    const outcome = await seedChampion(shipped, target, model);

    expect(outcome.action).toBe('promoted');
    expect((await target.getVersionByAlias(model, 'champion')).version).toBe('1');
    expect(await target.listVersions(model)).toHaveLength(1);
  });

  it('leaves a registry with versions of its own and no champion untouched', async () => {
    await target.registerVersion(model, {
      dir: join(work, 'export'),
      params: {},
      metrics: {},
    });

    const outcome = await seedChampion(shipped, target, model);

    expect(outcome).toEqual({ action: 'left-alone', versions: 1 });
    await expect(target.getVersionByAlias(model, 'champion')).rejects.toThrow(/no alias champion/);
  });

  it('names the folder when nothing is shipped', async () => {
    const empty = new LocalRegistry(join(work, 'nothing'));
    await expect(seedChampion(empty, target, model)).rejects.toThrow(
      /shipped champion .*\/nothing$/,
    );
  });
});
