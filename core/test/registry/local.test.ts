import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRegistry, LocalRegistry, type RegistryError } from '../../src/registry/index.ts';
import { removeDir, sameBytes, tempDir, writeExportFolder } from './support/export-folder.ts';

let root: string;
let registryDir: string;
let exportDir: string;
let files: Record<string, Uint8Array>;
let registry: LocalRegistry;

const params = { epochs: 3, lr: 0.01, lowercase: true };
let input: { dir: string; params: typeof params; metrics: Record<string, number> };

function code(promise: Promise<unknown>) {
  return promise.then(
    () => 'resolved',
    (error: RegistryError) => error.code,
  );
}

beforeEach(async () => {
  root = await tempDir('local-registry');
  registryDir = join(root, 'registry');
  exportDir = join(root, 'export');
  await mkdir(exportDir);
  files = await writeExportFolder(exportDir);
  registry = new LocalRegistry(registryDir);
  input = { dir: exportDir, params, metrics: { accuracy: 0.91 } };
});

afterEach(() => removeDir(root));

describe('local registry', () => {
  it('is what createRegistry gives without an MLflow URI, and always healthy', () => {
    const created = createRegistry({ registryDir });
    expect(created.kind).toBe('local');
    expect(created.health()).toEqual({ degraded: false });
  });

  it('registers versions 1, 2 with their metadata, and lists them', async () => {
    const first = await registry.registerVersion('sentiment', { ...input, description: 'first' });
    const second = await registry.registerVersion('sentiment', { ...input, tags: { git: 'abc' } });

    expect(first).toMatchObject({
      name: 'sentiment',
      version: '1',
      aliases: [],
      description: 'first',
      source: join(registryDir, 'sentiment', '1'),
      params: { epochs: '3', lr: '0.01', lowercase: 'true' },
      metrics: { accuracy: 0.91 },
    });
    expect(second).toMatchObject({ version: '2', tags: { git: 'abc' } });
    expect(Date.parse(first.createdAt)).not.toBeNaN();
    expect((await registry.listVersions('sentiment')).map((v) => v.version)).toEqual(['1', '2']);
    const copied = await readFile(join(registryDir, 'sentiment', '2', 'model.onnx'));
    expect(sameBytes(copied, files['model.onnx'])).toBe(true);
  });

  it('reads files verified, and the manifest itself', async () => {
    await registry.registerVersion('sentiment', input);
    expect(
      sameBytes(await registry.readFile('sentiment', '1', 'model.onnx'), files['model.onnx']),
    ).toBe(true);
    const manifest = await registry.getManifest('sentiment', '1');
    expect(manifest.files.map((f) => f.name)).toContain('tokenizer.json');
    const raw = await registry.readFile('sentiment', '1', 'manifest.json');
    expect(JSON.parse(new TextDecoder().decode(raw))).toEqual(manifest);
  });

  it('sets, moves and deletes aliases', async () => {
    await registry.registerVersion('sentiment', input);
    await registry.registerVersion('sentiment', input);
    await registry.setAlias('sentiment', 'champion', '1');
    await registry.setAlias('sentiment', 'challenger', '2');
    expect((await registry.getVersionByAlias('sentiment', 'champion')).version).toBe('1');
    expect((await registry.getVersion('sentiment', '2')).aliases).toEqual(['challenger']);

    await registry.setAlias('sentiment', 'champion', '2');
    expect((await registry.getVersion('sentiment', '2')).aliases).toEqual([
      'challenger',
      'champion',
    ]);
    await registry.deleteAlias('sentiment', 'champion');
    expect(await code(registry.getVersionByAlias('sentiment', 'champion'))).toBe('not_found');
    const metadata = JSON.parse(
      await readFile(join(registryDir, 'sentiment', 'registry.json'), 'utf8'),
    );
    expect(metadata.aliases).toEqual({ challenger: '2' });
  });

  it('answers not_found for unknown models, versions, aliases and unlisted files', async () => {
    expect(await code(registry.listVersions('nope'))).toBe('not_found');
    await registry.registerVersion('sentiment', input);
    expect(await code(registry.getVersion('sentiment', '7'))).toBe('not_found');
    expect(await code(registry.getVersion('sentiment', 'latest'))).toBe('not_found');
    expect(await code(registry.getVersionByAlias('sentiment', 'champion'))).toBe('not_found');
    expect(await code(registry.setAlias('sentiment', 'champion', '7'))).toBe('not_found');
    expect(await code(registry.readFile('sentiment', '1', 'weights.bin'))).toBe('not_found');
  });

  it('refuses path traversal in file, model and alias names', async () => {
    await registry.registerVersion('sentiment', input);
    await writeFile(join(registryDir, 'sentiment', 'secret.txt'), 'secret');
    expect(await code(registry.readFile('sentiment', '1', '../secret.txt'))).toBe('invalid');
    expect(await code(registry.readFile('sentiment', '1', '../registry.json'))).toBe('invalid');
    expect(await code(registry.readFile('sentiment', '1', '/etc/passwd'))).toBe('invalid');
    expect(await code(registry.listVersions('../sentiment'))).toBe('invalid');
    expect(await code(registry.getVersion('sentiment', '../1'))).toBe('not_found');
    expect(await code(registry.setAlias('sentiment', '../x', '1'))).toBe('invalid');
  });

  it('detects a tampered file, naming model, version, file, expected and actual', async () => {
    await registry.registerVersion('sentiment', input);
    await writeFile(join(registryDir, 'sentiment', '1', 'tokenizer.json'), '{"tampered":true}');
    const error = await registry.readFile('sentiment', '1', 'tokenizer.json').catch((e) => e);
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain('model sentiment version 1');
    expect(error.message).toContain('tokenizer.json');
    expect(error.message).toMatch(/expected sha256 [0-9a-f]{64}.*actual sha256 [0-9a-f]{64}/);
    expect(
      sameBytes(await registry.readFile('sentiment', '1', 'model.onnx'), files['model.onnx']),
    ).toBe(true);
  });

  it('refuses to register a folder its manifest does not describe', async () => {
    await writeFile(join(exportDir, 'extra.bin'), 'x');
    const unlisted = await registry.registerVersion('sentiment', input).catch((e) => e);
    expect(unlisted.code).toBe('invalid');
    expect(unlisted.message).toContain('extra.bin');

    await removeDir(join(exportDir, 'extra.bin'));
    await writeFile(join(exportDir, 'config.json'), '{}');
    const mismatch = await registry.registerVersion('sentiment', input).catch((e) => e);
    expect(mismatch.code).toBe('invalid');
    expect(mismatch.message).toContain('config.json');
    expect(await code(registry.listVersions('sentiment'))).toBe('not_found');
  });

  it('gives concurrent registrations distinct versions', async () => {
    const versions = await Promise.all(
      [1, 2, 3].map(() => registry.registerVersion('sentiment', input)),
    );
    expect(versions.map((v) => v.version).sort()).toEqual(['1', '2', '3']);
    expect(await registry.listVersions('sentiment')).toHaveLength(3);
  });

  it('reports a damaged registry.json as corrupt', async () => {
    await registry.registerVersion('sentiment', input);
    await writeFile(join(registryDir, 'sentiment', 'registry.json'), '{"aliases": 3');
    expect(await code(registry.getVersion('sentiment', '1'))).toBe('corrupt');
  });
});
