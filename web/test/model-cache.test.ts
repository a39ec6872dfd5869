import type { ModelVersionMetadata } from '@polarity/core/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { loadModelFiles } from '../src/model-cache/load-model-files.ts';
import { ModelIntegrityError } from '../src/model-cache/model-integrity-error.ts';
import { type ModelStore, openModelStore } from '../src/model-cache/model-store.ts';
import { sha256Hex } from '../src/model-cache/sha256.ts';

const encoder = new TextEncoder();
const files = {
  'model.onnx': encoder.encode('onnx bytes '.repeat(100)),
  'tokenizer.json': encoder.encode('{"v":1}'),
};

async function metadata(version = '1'): Promise<ModelVersionMetadata> {
  return {
    name: 'polarity-sentiment',
    version,
    aliases: ['champion'],
    created_at: '2026-01-01T00:00:00Z',
    labels: ['negative', 'positive'],
    metrics: {},
    files: await Promise.all(
      Object.entries(files).map(async ([name, bytes]) => ({
        name,
        sha256: await sha256Hex(bytes),
        size: bytes.byteLength,
        url: `/files/${version}/${name}`,
      })),
    ),
  };
}

function fakeServer(corrupt = new Set<string>()) {
  const requests: string[] = [];
  const fetch = (async (url: string) => {
    requests.push(url);
    const name = url.split('/').pop() as keyof typeof files;
    const bytes = new Uint8Array(files[name]);
    if (corrupt.has(name)) bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    return new Response(bytes);
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

const names = ['model.onnx', 'tokenizer.json'];
let store: ModelStore;
let dbCount = 0;
const open = async () => {
  store = await openModelStore(`models-${dbCount++}`);
  return store;
};
afterEach(() => store?.close());

describe('loadModelFiles', () => {
  it('downloads, verifies, reports byte progress and serves the next load from the store', async () => {
    await open();
    const server = fakeServer();
    const progress: number[] = [];
    const meta = await metadata();
    const loaded = await loadModelFiles(meta, {
      store,
      names,
      fetch: server.fetch,
      onProgress: ({ loaded, total }) => progress.push(loaded / total),
    });
    expect(new Uint8Array(loaded.get('tokenizer.json')!)).toEqual(files['tokenizer.json']);
    expect(progress.at(-1)).toBe(1);
    expect(server.requests).toHaveLength(2);
    expect((await store.completeVersions('polarity-sentiment')).map((m) => m.version)).toEqual([
      '1',
    ]);

    const offline = fakeServer();
    const again = await loadModelFiles(meta, { store, names, fetch: offline.fetch });
    expect(offline.requests).toHaveLength(0);
    expect(new Uint8Array(again.get('model.onnx')!)).toEqual(files['model.onnx']);
  });

  it('refuses corrupt bytes: nothing returned, nothing stored, version not complete', async () => {
    await open();
    const meta = await metadata();
    await expect(
      loadModelFiles(meta, { store, names, fetch: fakeServer(new Set(['model.onnx'])).fetch }),
    ).rejects.toSatisfy(
      (error) =>
        error instanceof ModelIntegrityError &&
        error.file === 'model.onnx' &&
        /sha256 mismatch/.test(error.message),
    );
    expect(await store.getFile('polarity-sentiment', '1', 'model.onnx')).toBeUndefined();
    expect(await store.completeVersions('polarity-sentiment')).toEqual([]);
  });

  it('refuses a file whose size differs from the metadata', async () => {
    await open();
    const meta = await metadata();
    meta.files[1]!.size += 1;
    await expect(loadModelFiles(meta, { store, names, fetch: fakeServer().fetch })).rejects.toThrow(
      /tokenizer.json: expected 8 bytes, received 7/,
    );
  });

  it('re-downloads a cached file that rotted in storage', async () => {
    await open();
    const meta = await metadata();
    await store.putFile(
      'polarity-sentiment',
      '1',
      'model.onnx',
      encoder.encode('rotten').buffer,
      'x',
    );
    const server = fakeServer();
    const loaded = await loadModelFiles(meta, { store, names, fetch: server.fetch });
    expect(server.requests).toContain('/files/1/model.onnx');
    expect(new Uint8Array(loaded.get('model.onnx')!)).toEqual(files['model.onnx']);
  });

  it('keeps versions apart and deletes one without touching the other', async () => {
    await open();
    await loadModelFiles(await metadata('1'), { store, names, fetch: fakeServer().fetch });
    await loadModelFiles(await metadata('2'), { store, names, fetch: fakeServer().fetch });
    await store.deleteVersion('polarity-sentiment', '1');
    expect((await store.completeVersions('polarity-sentiment')).map((m) => m.version)).toEqual([
      '2',
    ]);
    expect(await store.getFile('polarity-sentiment', '1', 'model.onnx')).toBeUndefined();
    expect(await store.getFile('polarity-sentiment', '2', 'model.onnx')).toBeDefined();
  });
});
