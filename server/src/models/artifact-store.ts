import type { ModelRegistry } from '@polarity/core/registry';
import { type ContentEncoding, compress } from './artifact-encoding.ts';

export interface Artifact {
  bytes: Uint8Array;
  encoding?: ContentEncoding;
}

/** Bytes kept in memory across versions and encodings (a model version is a few MiB). */
const cacheBudgetBytes = 64 * 1024 * 1024;

/**
 * Verified model files and their compressed copies. A version's files never change, so a copy
 * verified once can be served again; the registry still verifies every read it does.
 */
export function createArtifactStore(registry: ModelRegistry) {
  const cache = new Map<string, Promise<Artifact>>();
  const sizes = new Map<string, number>();
  let cachedBytes = 0;

  function remember(key: string, artifact: Artifact) {
    sizes.set(key, artifact.bytes.byteLength);
    cachedBytes += artifact.bytes.byteLength;
    for (const [oldest] of cache) {
      if (cachedBytes <= cacheBudgetBytes || oldest === key) break;
      cache.delete(oldest);
      cachedBytes -= sizes.get(oldest) ?? 0;
      sizes.delete(oldest);
    }
  }

  function cached(key: string, load: () => Promise<Artifact>): Promise<Artifact> {
    const hit = cache.get(key);
    if (hit) {
      // Map order is insertion order: re-inserting marks it most recently used.
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const pending = load();
    cache.set(key, pending);
    pending.then(
      (artifact) => remember(key, artifact),
      () => cache.delete(key),
    );
    return pending;
  }

  async function read(name: string, version: string, file: string): Promise<Uint8Array> {
    const key = `${name}\u0000${version}\u0000${file}`;
    return (
      await cached(key, async () => ({ bytes: await registry.readFile(name, version, file) }))
    ).bytes;
  }

  return {
    read,
    /** The file's bytes in `encoding` when that makes them smaller, else as stored. */
    async get(
      name: string,
      version: string,
      file: string,
      encoding?: ContentEncoding,
    ): Promise<Artifact> {
      const plain = await read(name, version, file);
      if (!encoding) return { bytes: plain };
      const key = `${name}\u0000${version}\u0000${file}\u0000${encoding}`;
      return cached(key, async () => {
        const compressed = compress(plain, encoding);
        return compressed ? { bytes: compressed, encoding } : { bytes: plain };
      });
    },
  };
}

export type ArtifactStore = ReturnType<typeof createArtifactStore>;
