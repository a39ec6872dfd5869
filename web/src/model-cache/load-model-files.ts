import type { ModelFile, ModelVersionMetadata } from '@polarity/core/contracts';
import { readWithProgress } from '../shared/read-with-progress.ts';
import { ModelIntegrityError } from './model-integrity-error.ts';
import type { ModelStore } from './model-store.ts';
import { sha256Hex } from './sha256.ts';

interface DownloadProgress {
  /** bytes received so far over all requested files, as sent (compressed) */
  loaded: number;
  /** bytes of all requested files as sent; the metadata's sizes until a response says */
  total: number;
}

export interface LoadModelFilesOptions {
  store: ModelStore;
  /** Only these files are loaded (e.g. the model and its tokenizer, not the plots). */
  names: readonly string[];
  fetch?: typeof fetch;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
}

async function verify(file: ModelFile, version: string, bytes: ArrayBuffer): Promise<void> {
  if (bytes.byteLength !== file.size) {
    throw new ModelIntegrityError(
      file.name,
      version,
      `expected ${file.size} bytes, received ${bytes.byteLength}`,
    );
  }
  const actual = await sha256Hex(bytes);
  if (actual !== file.sha256) {
    throw new ModelIntegrityError(
      file.name,
      version,
      `sha256 mismatch: expected ${file.sha256}, computed ${actual}`,
    );
  }
}

/**
 * The named files of a model version, each verified against the sha256 and size its metadata
 * publishes: from the store when present there (re-verified: storage can rot), else
 * downloaded, verified, then stored. A file that fails verification is never returned nor
 * stored, and the version is marked complete only once every file passed.
 */
export async function loadModelFiles(
  metadata: ModelVersionMetadata,
  { store, names, fetch: fetchFile = fetch, onProgress, signal }: LoadModelFilesOptions,
): Promise<Map<string, ArrayBuffer>> {
  const files = names.map((name) => {
    const file = metadata.files.find((candidate) => candidate.name === name);
    if (!file) throw new ModelIntegrityError(name, metadata.version, 'not listed in the metadata');
    return file;
  });
  const progress = new Map(files.map((file) => [file.name, { loaded: 0, total: file.size }]));
  const report = (name: string, loaded: number, total: number) => {
    progress.set(name, { loaded, total });
    let sum = { loaded: 0, total: 0 };
    for (const file of progress.values()) {
      sum = { loaded: sum.loaded + file.loaded, total: sum.total + file.total };
    }
    onProgress?.(sum);
  };

  const entries = await Promise.all(
    files.map(async (file): Promise<[string, ArrayBuffer]> => {
      const cached = await store.getFile(metadata.name, metadata.version, file.name);
      if (cached) {
        try {
          await verify(file, metadata.version, cached);
          report(file.name, cached.byteLength, cached.byteLength);
          return [file.name, cached];
        } catch {
          // A rotten cached copy is replaced by a fresh download below.
        }
      }
      const response = await fetchFile(file.url, { signal });
      if (!response.ok) {
        throw new Error(
          `model version ${metadata.version}, file ${file.name}: GET ${file.url} answered ${response.status}`,
        );
      }
      const bytes = await readWithProgress(response, file.size, (loaded, total) =>
        report(file.name, loaded, total),
      );
      await verify(file, metadata.version, bytes);
      await store.putFile(metadata.name, metadata.version, file.name, bytes, file.sha256);
      return [file.name, bytes];
    }),
  );
  await store.markComplete(metadata);
  return new Map(entries);
}
