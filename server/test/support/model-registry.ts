import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalRegistry } from '@polarity/core/registry';
import { repoRoot } from '../../src/env.ts';

export const shippedRegistryDir = join(repoRoot, 'registry');
export const modelName = 'polarity-sentiment';
export const shippedModelAvailable = existsSync(
  join(shippedRegistryDir, modelName, '1', 'model.onnx'),
);

/**
 * A private registry holding the shipped version 1 as shipped (files and metadata), then
 * `versions - 1` more versions re-registering its files, champion on version 1. Later shipped
 * versions are left out, so these tests do not change when a new champion ships.
 */
export async function copyShippedRegistry(versions = 1) {
  const dir = await mkdtemp(join(tmpdir(), 'polarity-registry-'));
  await mkdir(join(dir, modelName));
  await cp(join(shippedRegistryDir, modelName, '1'), join(dir, modelName, '1'), {
    recursive: true,
  });
  const shipped = JSON.parse(
    await readFile(join(shippedRegistryDir, modelName, 'registry.json'), 'utf8'),
  );
  await writeFile(
    join(dir, modelName, 'registry.json'),
    JSON.stringify({ aliases: { champion: '1' }, versions: { '1': shipped.versions['1'] } }),
  );
  const registry = new LocalRegistry(dir);
  for (let i = 1; i < versions; i++) {
    await registry.registerVersion(modelName, {
      dir: join(dir, modelName, '1'),
      params: {},
      metrics: { test_accuracy: 0.5 + i / 100 },
    });
  }
  await registry.setAlias(modelName, 'champion', '1');
  return {
    dir,
    registry,
    /** Overwrites one byte of a stored file, as a disk error or tampering would. */
    async tamper(version: string, file: string) {
      const path = join(dir, modelName, version, file);
      const bytes = await readFile(path);
      bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
      await writeFile(path, bytes);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
