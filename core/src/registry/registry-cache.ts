import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write.ts';
import type { ModelVersionInfo } from './types.ts';

const versionInfo = z.object({
  name: z.string(),
  version: z.string(),
  createdAt: z.string(),
  aliases: z.array(z.string()),
  description: z.string().optional(),
  runId: z.string().optional(),
  source: z.string(),
  tags: z.record(z.string(), z.string()),
  params: z.record(z.string(), z.string()).optional(),
  metrics: z.record(z.string(), z.number()).optional(),
}) satisfies z.ZodType<ModelVersionInfo>;

/**
 * The last good answers of a remote registry, on disk, so that a server keeps serving the
 * models it already has while MLflow is down:
 * `<dir>/<model>/{versions.json, aliases/<alias>.json, versions/<version>/{info.json, files/<file>}}`.
 * Callers check names (see names.ts, manifest.ts) before they reach a path here.
 */
export class RegistryCache {
  constructor(readonly dir: string) {}

  readVersions(model: string) {
    return this.#readJson(z.array(versionInfo), model, 'versions.json');
  }

  writeVersions(model: string, versions: ModelVersionInfo[]) {
    return this.#writeJson(versions, model, 'versions.json');
  }

  readVersion(model: string, version: string) {
    return this.#readJson(versionInfo, model, 'versions', version, 'info.json');
  }

  writeVersion(info: ModelVersionInfo) {
    return this.#writeJson(info, info.name, 'versions', info.version, 'info.json');
  }

  readAlias(model: string, alias: string) {
    return this.#readJson(versionInfo, model, 'aliases', `${alias}.json`);
  }

  writeAlias(alias: string, info: ModelVersionInfo) {
    return this.#writeJson(info, info.name, 'aliases', `${alias}.json`);
  }

  /** An alias MLflow says is gone must not come back from the cache in the next outage. */
  forgetAlias(model: string, alias: string) {
    return rm(join(this.dir, model, 'aliases', `${alias}.json`), { force: true });
  }

  readFile(model: string, version: string, file: string): Promise<Uint8Array | undefined> {
    return readFile(this.#filePath(model, version, file)).catch(ifMissing(undefined));
  }

  writeFile(model: string, version: string, file: string, bytes: Uint8Array) {
    return writeFileAtomic(this.#filePath(model, version, file), bytes);
  }

  #filePath(model: string, version: string, file: string) {
    return join(this.dir, model, 'versions', version, 'files', file);
  }

  async #readJson<T>(schema: z.ZodType<T>, ...parts: string[]): Promise<T | undefined> {
    const path = join(this.dir, ...parts);
    const text = await readFile(path, 'utf8').catch(ifMissing(undefined));
    if (text === undefined) return undefined;
    // A damaged cache entry is as good as none: the cache is only a fallback.
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  #writeJson(value: unknown, ...parts: string[]) {
    return writeFileAtomic(join(this.dir, ...parts), `${JSON.stringify(value, null, 2)}\n`);
  }
}

function ifMissing<T>(fallback: T) {
  return (error: NodeJS.ErrnoException): T => {
    if (error.code === 'ENOENT') return fallback;
    throw error;
  };
}
