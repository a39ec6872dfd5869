import { openExportFolder } from './export-folder.ts';
import { manifestEntry, manifestFileName, parseManifest, verifyFile } from './manifest.ts';
import { isApiError, MlflowApiError, MlflowClient } from './mlflow-client.ts';
import type { KeyValue, ModelVersion, Run } from './mlflow-protocol.ts';
import { checkAlias, checkModelName, checkVersion } from './names.ts';
import { RegistryCache } from './registry-cache.ts';
import { sha256Hex } from './sha256.ts';
import {
  type Manifest,
  type ManifestEntry,
  type ModelRegistry,
  type ModelVersionInfo,
  type RegisterVersionInput,
  RegistryError,
  type RegistryHealth,
} from './types.ts';

export interface MlflowRegistryOptions {
  trackingUri: string;
  /** Where verified files and the last good metadata are kept for outages. */
  cacheDir: string;
  /** Per API request, ms. */
  timeoutMs?: number;
  /** Per artifact upload or download, ms. */
  transferTimeoutMs?: number;
}

const defaultTimeoutMs = 5_000;
const defaultTransferTimeoutMs = 120_000;
/** Files of a version live under this folder of its run's artifacts, as MLflow's own flavours do. */
const modelArtifactFolder = 'model';

export function experimentName(model: string): string {
  return `polarity-${model}`;
}

/**
 * The registry on an MLflow server: one experiment per model (`polarity-<model>`), one run per
 * registered version carrying its params, metrics and files, and a registered model whose
 * versions point at the runs' `model/` artifacts. Reads fall back to an on-disk cache when
 * MLflow is unreachable; `health()` then reports degraded.
 */
export class MlflowRegistry implements ModelRegistry {
  readonly kind = 'mlflow';
  readonly #client: MlflowClient;
  readonly #cache: RegistryCache;
  #health: RegistryHealth = { degraded: false };

  constructor(readonly options: MlflowRegistryOptions) {
    this.#client = new MlflowClient({
      trackingUri: options.trackingUri,
      timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
      transferTimeoutMs: options.transferTimeoutMs ?? defaultTransferTimeoutMs,
    });
    this.#cache = new RegistryCache(options.cacheDir);
  }

  health(): RegistryHealth {
    return { ...this.#health };
  }

  async listVersions(model: string): Promise<ModelVersionInfo[]> {
    checkModelName(model);
    return this.#withFallback(
      async () => {
        const { registered_model } = await this.#client
          .getRegisteredModel(model)
          .catch(notFoundOn(404, `no model ${model} in MLflow at ${this.options.trackingUri}`));
        const aliases = new Map<string, string[]>();
        for (const { alias, version } of registered_model.aliases ?? []) {
          aliases.set(version, [...(aliases.get(version) ?? []), alias]);
        }
        // model-versions/search leaves out aliases; the registered model has them all.
        const versions = (await this.#client.searchModelVersions(model)) ?? [];
        const infos = await Promise.all(
          versions
            .sort((a, b) => Number(a.version) - Number(b.version))
            .map((mv) => this.#info({ ...mv, aliases: aliases.get(mv.version) ?? [] })),
        );
        await this.#cache.writeVersions(model, infos);
        return infos;
      },
      () => this.#cache.readVersions(model),
    );
  }

  async getVersion(model: string, version: string): Promise<ModelVersionInfo> {
    checkVersion(model, version);
    return this.#withFallback(
      async () => {
        const { model_version } = await this.#client
          .getModelVersion(model, version)
          .catch(notFoundOn(404, `model ${model} has no version ${version} in MLflow`));
        const info = await this.#info(model_version);
        await this.#cache.writeVersion(info);
        return info;
      },
      () => this.#cache.readVersion(model, version),
    );
  }

  async getVersionByAlias(model: string, alias: string): Promise<ModelVersionInfo> {
    checkAlias(model, alias);
    return this.#withFallback(
      async () => {
        let found: ModelVersion;
        try {
          found = (await this.#client.getVersionByAlias(model, alias)).model_version;
        } catch (error) {
          // MLflow answers a missing alias with 400 INVALID_PARAMETER_VALUE, a missing model 404.
          if (isApiError(error, 400, 'INVALID_PARAMETER_VALUE') || isApiError(error, 404)) {
            await this.#cache.forgetAlias(model, alias);
            throw new RegistryError('not_found', `model ${model} has no alias ${alias} in MLflow`, {
              cause: error,
            });
          }
          throw error;
        }
        const info = await this.#info(found);
        await this.#cache.writeAlias(alias, info);
        await this.#cache.writeVersion(info);
        return info;
      },
      () => this.#cache.readAlias(model, alias),
    );
  }

  async setAlias(model: string, alias: string, version: string): Promise<void> {
    checkAlias(model, alias);
    checkVersion(model, version);
    return this.#remote(async () => {
      await this.#client
        .setAlias(model, alias, version)
        .catch(notFoundOn(404, `cannot point alias ${alias} at model ${model} version ${version}`));
      // The next read caches the new target; the old one must not be served meanwhile.
      await this.#cache.forgetAlias(model, alias);
    });
  }

  async deleteAlias(model: string, alias: string): Promise<void> {
    checkAlias(model, alias);
    return this.#remote(async () => {
      await this.#client
        .deleteAlias(model, alias)
        .catch(notFoundOn(404, `cannot delete alias ${alias}: no model ${model} in MLflow`));
      await this.#cache.forgetAlias(model, alias);
    });
  }

  async getManifest(model: string, version: string): Promise<Manifest> {
    return (await this.#manifest(model, version)).manifest;
  }

  async readFile(model: string, version: string, file: string): Promise<Uint8Array> {
    const { bytes: manifestBytes, manifest, where } = await this.#manifest(model, version);
    if (file === manifestFileName) return manifestBytes;
    const entry = manifestEntry(manifest, file, where);
    // A registered version's files never change, so a verified cached copy needs no round trip.
    const cached = await this.#cache.readFile(model, version, file);
    if (cached && matches(entry, cached)) return cached;
    const { source } = await this.getVersion(model, version);
    const bytes = await this.#download(source, file, where);
    verifyFile(entry, bytes, `${where} (${source})`);
    await this.#cache.writeFile(model, version, file, bytes);
    return bytes;
  }

  async registerVersion(model: string, input: RegisterVersionInput): Promise<ModelVersionInfo> {
    checkModelName(model);
    const folder = await openExportFolder(input.dir);
    return this.#remote(async () => {
      const experimentId = await this.#experimentId(experimentName(model));
      const { run } = await this.#client.createRun(experimentId, `register-${model}`, [
        { key: 'polarity.model', value: model },
      ]);
      const runId = run.info.run_id;
      const modelUri = `${run.info.artifact_uri}/${modelArtifactFolder}`;
      try {
        const now = Date.now();
        await this.#client.logBatch(runId, {
          params: Object.entries(input.params).map(([key, value]) => ({
            key,
            value: String(value),
          })),
          metrics: Object.entries(input.metrics).map(([key, value]) => ({
            key,
            value,
            timestamp: now,
            step: 0,
          })),
          tags: pairs(input.tags ?? {}),
        });
        for (const entry of folder.manifest.files) {
          await this.#client.uploadArtifact(modelUri, entry.name, await folder.read(entry));
        }
        await this.#client.uploadArtifact(modelUri, manifestFileName, folder.manifestBytes);
        await this.#client.updateRun(runId, 'FINISHED');
      } catch (error) {
        // Best effort: the run is left visible as FAILED; the original error is what matters.
        await this.#client.updateRun(runId, 'FAILED').catch(() => undefined);
        throw error;
      }
      await this.#client
        .createRegisteredModel(model)
        .catch(ignoreOn(400, 'RESOURCE_ALREADY_EXISTS'));
      const { model_version } = await this.#client.createModelVersion({
        name: model,
        source: modelUri,
        runId,
        ...(input.description === undefined ? {} : { description: input.description }),
        tags: pairs(input.tags ?? {}),
      });
      const info = await this.#info(model_version);
      await this.#cache.writeVersion(info);
      return info;
    });
  }

  async #experimentId(name: string): Promise<string> {
    const existing = await this.#client.getExperimentByName(name).catch(ignoreOn(404));
    if (existing) return existing.experiment.experiment_id;
    const created = await this.#client
      .createExperiment(name)
      .catch(ignoreOn(400, 'RESOURCE_ALREADY_EXISTS'));
    // Lost a race with another registration creating the same experiment.
    return (
      created?.experiment_id ??
      (await this.#client.getExperimentByName(name)).experiment.experiment_id
    );
  }

  async #info(mv: ModelVersion): Promise<ModelVersionInfo> {
    const run = mv.run_id ? await this.#client.getRun(mv.run_id).catch(ignoreOn(404)) : undefined;
    return toInfo(mv, run?.run);
  }

  async #manifest(model: string, version: string) {
    checkVersion(model, version);
    const where = `model ${model} version ${version}`;
    let bytes = await this.#cache.readFile(model, version, manifestFileName);
    if (!bytes) {
      const { source } = await this.getVersion(model, version);
      bytes = await this.#download(source, manifestFileName, where);
      parseManifest(bytes, `${where} (${source})`);
      await this.#cache.writeFile(model, version, manifestFileName, bytes);
    }
    return { bytes, manifest: parseManifest(bytes, where), where };
  }

  #download(source: string, file: string, where: string): Promise<Uint8Array> {
    return this.#remote(() =>
      this.#client.downloadArtifact(source, file).catch((error) => {
        // The artifact proxy answers a missing file with 500 INTERNAL_ERROR, not 404.
        if (isApiError(error, 500, 'INTERNAL_ERROR') || isApiError(error, 404)) {
          throw new RegistryError('not_found', `${where}: file ${file} is missing from ${source}`, {
            cause: error,
          });
        }
        throw error;
      }),
    );
  }

  /** Runs a request against MLflow, translating its errors and tracking whether it answers. */
  async #remote<T>(request: () => Promise<T>): Promise<T> {
    try {
      const result = await request();
      this.#health = { degraded: false };
      return result;
    } catch (error) {
      // Anything else (a full disk under the cache, a bug) says nothing about MLflow's health.
      if (!(error instanceof RegistryError || error instanceof MlflowApiError)) throw error;
      const failure = toRegistryError(error);
      this.#health =
        failure.code === 'unreachable'
          ? {
              degraded: true,
              lastError: failure.message,
              degradedSince: this.#health.degradedSince ?? new Date().toISOString(),
            }
          : { degraded: false };
      throw failure;
    }
  }

  /** The answer from MLflow, or the last good one from the cache while MLflow is unreachable. */
  async #withFallback<T>(request: () => Promise<T>, cached: () => Promise<T | undefined>) {
    try {
      return await this.#remote(request);
    } catch (error) {
      if (!(error instanceof RegistryError && error.code === 'unreachable')) throw error;
      const fallback = await cached();
      if (fallback === undefined) throw error;
      return fallback;
    }
  }
}

function toInfo(mv: ModelVersion, run: Run | undefined): ModelVersionInfo {
  return {
    name: mv.name,
    version: mv.version,
    createdAt: new Date(mv.creation_timestamp).toISOString(),
    aliases: [...(mv.aliases ?? [])].sort(),
    ...(mv.description ? { description: mv.description } : {}),
    ...(mv.run_id ? { runId: mv.run_id } : {}),
    source: mv.source,
    tags: Object.fromEntries((mv.tags ?? []).map(({ key, value }) => [key, value])),
    ...(run
      ? {
          params: Object.fromEntries((run.data.params ?? []).map(({ key, value }) => [key, value])),
          metrics: Object.fromEntries(
            (run.data.metrics ?? []).map(({ key, value }) => [key, value]),
          ),
        }
      : {}),
  };
}

function toRegistryError(error: RegistryError | MlflowApiError): RegistryError {
  if (error instanceof RegistryError) return error;
  return new RegistryError(error.status >= 500 ? 'unreachable' : 'invalid', error.message, {
    cause: error,
  });
}

function notFoundOn(status: number, message: string) {
  return (error: unknown): never => {
    if (isApiError(error, status)) throw new RegistryError('not_found', message, { cause: error });
    throw error;
  };
}

/** Turns an expected MLflow error into `undefined`, e.g. "already exists" in get-or-create. */
function ignoreOn(status: number, errorCode?: string) {
  return (error: unknown): undefined => {
    if (isApiError(error, status, errorCode)) return undefined;
    throw error;
  };
}

function matches(entry: ManifestEntry, bytes: Uint8Array): boolean {
  return bytes.byteLength === entry.size && sha256Hex(bytes) === entry.sha256;
}

function pairs(record: Record<string, string>): KeyValue[] {
  return Object.entries(record).map(([key, value]) => ({ key, value }));
}
