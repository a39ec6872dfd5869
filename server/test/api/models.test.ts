import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ModelAliases, ModelVersionMetadata } from '@polarity/core/contracts';
import { sha256Hex } from '@polarity/core/registry';
import { describe, expect, it } from 'vitest';
import { useAppUnderTest } from '../support/app-under-test.ts';
import { modelName, shippedModelAvailable } from '../support/model-registry.ts';
import { errorOf, metricValue } from '../support/test-app.ts';

describe.skipIf(!shippedModelAvailable)('model delivery', () => {
  const under = useAppUnderTest({ versions: 2 });

  const base = `/api/models/${modelName}`;

  it('describes the champion and a version: files with sha256 and URL, labels, metrics, aliases', async () => {
    const response = await under.test.app.request(`${base}/aliases/champion`);
    expect(response.status).toBe(200);
    const champion = ModelVersionMetadata.parse(await response.json());
    expect(champion).toMatchObject({ name: modelName, version: '1', aliases: ['champion'] });
    expect(champion.labels).toEqual(['negative', 'positive']);
    expect(champion.metrics.test_accuracy).toBeGreaterThan(0.8);
    expect(champion.files.map((f) => f.name)).toEqual(
      expect.arrayContaining(['model.onnx', 'tokenizer.json', 'config.json']),
    );
    const onnx = champion.files.find((f) => f.name === 'model.onnx')!;
    expect(onnx.url).toBe(`${base}/versions/1/files/model.onnx`);

    const second = ModelVersionMetadata.parse(
      await (await under.test.app.request(`${base}/versions/2`)).json(),
    );
    expect(second).toMatchObject({ version: '2', aliases: [] });
  });

  it('serves a file with its sha256 as ETag, immutable caching and 304 on revalidation', async () => {
    const meta = ModelVersionMetadata.parse(
      await (await under.test.app.request(`${base}/versions/1`)).json(),
    );
    const entry = meta.files.find((f) => f.name === 'model.onnx')!;
    const before = await metricValue(under.test.metrics.artifactDownloads, {
      model_version: '1',
      file: 'model.onnx',
    });
    const response = await under.test.app.request(entry.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(`"${entry.sha256}"`);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.byteLength).toBe(entry.size);
    expect(sha256Hex(bytes)).toBe(entry.sha256);
    expect(
      await metricValue(under.test.metrics.artifactDownloads, {
        model_version: '1',
        file: 'model.onnx',
      }),
    ).toBe(before + 1);

    const again = await under.test.app.request(entry.url, {
      headers: { 'if-none-match': `"${entry.sha256}"` },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(`"${entry.sha256}"`);
  });

  it('compresses JSON files for clients that accept it', async () => {
    const meta = ModelVersionMetadata.parse(
      await (await under.test.app.request(`${base}/versions/1`)).json(),
    );
    const entry = meta.files.find((f) => f.name === 'tokenizer.json')!;
    const br = await under.test.app.request(entry.url, {
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(br.headers.get('content-encoding')).toBe('br');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.byteLength).toBeLessThan(entry.size);
    expect(sha256Hex(brotliDecompressSync(brBytes))).toBe(entry.sha256);

    const gzip = await under.test.app.request(entry.url, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(sha256Hex(gunzipSync(Buffer.from(await gzip.arrayBuffer())))).toBe(entry.sha256);
    expect(gzip.headers.get('vary')).toBe('Accept-Encoding');
  });

  it('lists the champion and the challenger, null where an alias is not set (never a 404)', async () => {
    const before = ModelAliases.parse(
      await (await under.test.app.request(`${base}/aliases`)).json(),
    );
    expect(before.champion).toMatchObject({ name: modelName, version: '1' });
    expect(before.challenger).toBeNull();

    await under.registryCopy.registry.setAlias(modelName, 'challenger', '2');
    const after = ModelAliases.parse(
      await (await under.test.app.request(`${base}/aliases`)).json(),
    );
    expect(after.challenger).toMatchObject({ version: '2', aliases: ['challenger'] });
    await under.registryCopy.registry.deleteAlias(modelName, 'challenger');

    const unknown = await under.test.app.request('/api/models/no-such-model/aliases');
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).message).toContain('no-such-model');
  });

  it('answers 404 naming the unknown model, version, alias or file', async () => {
    for (const [path, named] of [
      ['/api/models/no-such-model/versions/1', 'no-such-model'],
      [`${base}/versions/99`, '99'],
      [`${base}/versions/abc`, 'abc'],
      [`${base}/aliases/nobody`, 'nobody'],
      [`${base}/versions/1/files/secret.txt`, 'secret.txt'],
    ] as const) {
      const response = await under.test.app.request(path);
      expect(response.status, path).toBe(404);
      const error = await errorOf(response);
      expect(error.code).toBe('not_found');
      expect(error.message).toContain(named);
    }
  });

  it('refuses a file whose bytes no longer match the manifest: 502, not served, counted', async () => {
    await under.registryCopy.tamper('2', 'tokenizer_config.json');
    const before = await metricValue(under.test.metrics.artifactIntegrityFailures, {
      model_version: '2',
    });
    const response = await under.test.app.request(`${base}/versions/2/files/tokenizer_config.json`);
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const error = await errorOf(response);
    expect(error.code).toBe('artifact_corrupt');
    expect(error.message).toContain('sha256');
    expect(
      await metricValue(under.test.metrics.artifactIntegrityFailures, { model_version: '2' }),
    ).toBe(before + 1);
  });
});
