import { type ModelRegistry, RegistryError } from '@polarity/core/registry';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { modelVersions } from '../db/schema.ts';

export type VersionCheck = 'known' | 'unknown' | 'unverifiable';

export interface KnownVersionsOptions {
  registry: ModelRegistry;
  db: Database;
  modelName: string;
  /** An unknown version asks the registry again at most this often, ms. */
  refreshIntervalMs?: number;
}

/**
 * Which model versions events may name. A version becomes a metric label and a row of the quality
 * figures, so only versions the registry knows are stored: otherwise any client could mint series
 * at will. Versions are immutable once registered, so a known one stays known; an unknown one is
 * looked up again at most every `refreshIntervalMs`, so a burst of invented versions costs the
 * registry one listing, and a version registered a moment ago is found.
 */
export function createKnownVersions(options: KnownVersionsOptions) {
  const { registry, db, modelName } = options;
  const refreshIntervalMs = options.refreshIntervalMs ?? 2_000;
  const known = new Set<string>();
  let listedAt = Number.NEGATIVE_INFINITY;
  let listing: Promise<boolean> | undefined;

  async function list(): Promise<boolean> {
    try {
      for (const info of await registry.listVersions(modelName)) known.add(info.version);
      listedAt = Date.now();
      return true;
    } catch (error) {
      if (error instanceof RegistryError && error.code === 'not_found') {
        listedAt = Date.now();
        return true;
      }
      // The registry is down: the versions this server has served are known all the same.
      const served = await db
        .select({ version: modelVersions.version })
        .from(modelVersions)
        .where(eq(modelVersions.name, modelName))
        .catch(() => []);
      for (const row of served) known.add(row.version);
      return false;
    }
  }

  function refresh(): Promise<boolean> {
    listing ??= list().finally(() => {
      listing = undefined;
    });
    return listing;
  }

  return {
    async check(name: string, version: string): Promise<VersionCheck> {
      if (name !== modelName) return 'unknown';
      if (known.has(version)) return 'known';
      if (Date.now() - listedAt < refreshIntervalMs) return 'unknown';
      const listed = await refresh();
      if (known.has(version)) return 'known';
      return listed ? 'unknown' : 'unverifiable';
    },
  };
}

export type KnownVersions = ReturnType<typeof createKnownVersions>;
