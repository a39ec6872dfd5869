import type { ModelRegistry, ModelVersionInfo } from '@polarity/core/registry';
import { RegistryError } from '@polarity/core/registry';
import type { ServiceMetrics } from '../metrics/service-metrics.ts';
import type { ModelLoader, ServedModel } from './served-model.ts';

export const championAlias = 'champion';

/** Loaded versions kept besides the champion, so `model_version` pins do not reload each call. */
const pinnedVersionsKept = 3;

export interface ModelServiceOptions {
  registry: ModelRegistry;
  modelName: string;
  load: ModelLoader;
  metrics: ServiceMetrics;
  pollIntervalMs: number;
  /** Called with every version that becomes the champion, e.g. to record it in the database. */
  onServe?: (model: ServedModel, info: ModelVersionInfo) => Promise<void>;
}

export class NoModelError extends Error {
  override name = 'NoModelError';
}

/**
 * Follows the champion alias. A new version is loaded and warmed up in full before the
 * reference swaps, so requests already running finish on the version they started with; a
 * version that fails to load (a corrupt file among them) is refused and the current one stays.
 */
export function createModelService(options: ModelServiceOptions) {
  const { registry, modelName, load, metrics } = options;
  const loaded = new Map<string, Promise<ServedModel>>();
  let champion: ServedModel | undefined;
  let lastError: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let checking: Promise<ServedModel> | undefined;

  function loadOnce(version: string): Promise<ServedModel> {
    let pending = loaded.get(version);
    if (!pending) {
      pending = load(modelName, version);
      loaded.set(version, pending);
      pending.catch(() => loaded.delete(version));
    }
    return pending;
  }

  /** Drops the least recently used versions beyond the limit, never the champion. */
  async function evict() {
    const spare = [...loaded.keys()].filter((version) => version !== champion?.version);
    for (const version of spare.slice(0, Math.max(0, spare.length - pinnedVersionsKept))) {
      const pending = loaded.get(version);
      loaded.delete(version);
      await pending?.then((model) => model.release()).catch(() => undefined);
    }
  }

  function touch(version: string) {
    const pending = loaded.get(version);
    if (!pending) return;
    loaded.delete(version);
    loaded.set(version, pending);
  }

  async function checkChampion(): Promise<ServedModel> {
    const info = await registry.getVersionByAlias(modelName, championAlias);
    if (champion && champion.version === info.version) return champion;
    let next: ServedModel;
    try {
      next = await loadOnce(info.version);
    } catch (error) {
      if (error instanceof RegistryError && error.code === 'corrupt') {
        metrics.artifactIntegrityFailures.inc({ model_version: info.version, file: 'model' });
      }
      throw new Error(
        `model ${modelName} version ${info.version} (champion) refused; still serving ${champion?.version ?? 'nothing'}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    await options.onServe?.(next, info);
    const previous = champion;
    champion = next;
    if (previous) metrics.servedModel.remove({ model: modelName, version: previous.version });
    metrics.servedModel.set({ model: modelName, version: next.version }, 1);
    console.log(`polarity: serving model ${modelName} version ${next.version}`);
    await evict();
    return next;
  }

  /**
   * Checks run one after another, and a check asked for while one runs starts after it, so
   * an alias moved just before a reload is always seen by that reload.
   */
  function refresh(): Promise<ServedModel> {
    const run = async () => {
      try {
        const model = await checkChampion();
        lastError = undefined;
        return model;
      } catch (error) {
        lastError = (error as Error).message;
        throw error;
      }
    };
    const next = (checking ?? Promise.resolve()).catch(() => undefined).then(run);
    checking = next;
    const clear = () => {
      if (checking === next) checking = undefined;
    };
    next.then(clear, clear);
    return next;
  }

  return {
    modelName,
    /** Loads the champion; a missing or broken one is logged, and polling keeps trying. */
    async start() {
      await refresh().catch((error: unknown) =>
        console.error(`polarity: ${(error as Error).message}`),
      );
      timer = setInterval(() => {
        // A poll while a check runs would only repeat it.
        if (checking) return;
        refresh().catch((error: unknown) => console.error(`polarity: ${(error as Error).message}`));
      }, options.pollIntervalMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
    },
    /** Re-reads the champion alias now; rejects when the new version cannot be served. */
    reload: refresh,
    /** The champion, or the pinned version (loaded on demand). */
    async get(version?: string): Promise<ServedModel> {
      if (version === undefined || version === champion?.version) {
        if (champion) return champion;
        throw new NoModelError(
          `no ${championAlias} version of model ${modelName} is loaded${lastError ? ` (${lastError})` : ''}`,
        );
      }
      const model = await loadOnce(version);
      touch(version);
      await evict();
      return model;
    },
    current(): ServedModel | undefined {
      return champion;
    },
  };
}

export type ModelService = ReturnType<typeof createModelService>;
