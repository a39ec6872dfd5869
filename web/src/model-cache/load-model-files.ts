import type { ModelFile, ModelVersionMetadata } from '@polarity/core/contracts';
import { ModelIntegrityError } from './model-integrity-error.ts';
import type { ModelStore } from './model-store.ts';
import { sha256Hex } from './sha256.ts';

interface DownloadProgress {
  /** bytes received so far over all requested files */
  loaded: number;
  /** bytes of all requested files, from the metadata */
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

async function readWithProgress(
  response: Response,
  onChunk: (bytes: number) => void,
): Promise<ArrayBuffer> {
  if (!response.body) return response.arrayBuffer();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.byteLength;
    onChunk(value.byteLength);
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out.buffer;
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
  const total = files.reduce((sum, file) => sum + file.size, 0);
  let loaded = 0;
  const report = (bytes: number) => {
    loaded += bytes;
    onProgress?.({ loaded, total });
  };

  const entries = await Promise.all(
    files.map(async (file): Promise<[string, ArrayBuffer]> => {
      const cached = await store.getFile(metadata.name, metadata.version, file.name);
      if (cached) {
        try {
          await verify(file, metadata.version, cached);
          report(cached.byteLength);
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
      const bytes = await readWithProgress(response, report);
      await verify(file, metadata.version, bytes);
      await store.putFile(metadata.name, metadata.version, file.name, bytes, file.sha256);
      return [file.name, bytes];
    }),
  );
  await store.markComplete(metadata);
  return new Map(entries);
}
