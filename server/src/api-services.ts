import type { ModelRegistry } from '@polarity/core/registry';
import type { Database } from './db/client.ts';
import type { Env } from './env.ts';
import { createEventIngestor } from './ingest/ingest-events.ts';
import { createPredictionWriter, type PredictionWriter } from './ingest/prediction-writer.ts';
import type { ServiceMetrics } from './metrics/service-metrics.ts';
import { type ArtifactStore, createArtifactStore } from './models/artifact-store.ts';
import { createInferencePool, type InferencePool } from './models/inference-pool.ts';
import { createKnownVersions } from './models/known-versions.ts';
import { createModelService, type ModelService } from './models/model-service.ts';
import { createOnnxModelLoader } from './models/onnx-model-loader.ts';
import { registryFromEnv } from './models/registry-from-env.ts';
import type { ModelLoader } from './models/served-model.ts';
import { recordServedVersion } from './models/served-version-record.ts';
import { createVersionDescriber } from './models/version-metadata.ts';
import { createInferenceBudget, type InferenceBudget } from './security/inference-budget.ts';

/** What the API routes work with; built once per process (or per test). */
export interface ApiServices {
  registry: ModelRegistry;
  artifacts: ArtifactStore;
  describe: ReturnType<typeof createVersionDescriber>;
  ingest: ReturnType<typeof createEventIngestor>;
  models: ModelService;
  predictionWriter: PredictionWriter;
  /** Worker threads that score texts; started when the first version loads. */
  inference: InferencePool;
  inferenceBudget: InferenceBudget;
}

export interface ApiServiceDeps {
  env: Env;
  db: Database;
  metrics: ServiceMetrics;
  /** Tests pass a registry of their own; by default it follows REGISTRY_DIR / MLFLOW_TRACKING_URI. */
  registry?: ModelRegistry;
  load?: ModelLoader;
}

export function createApiServices({ env, db, metrics, ...overrides }: ApiServiceDeps): ApiServices {
  const registry = overrides.registry ?? registryFromEnv(env);
  const artifacts = createArtifactStore(registry);
  const inference = createInferencePool({
    workers: env.INFERENCE_WORKERS,
    maxQueuedChars: env.INFERENCE_QUEUE_MAX_CHARS,
  });
  return {
    registry,
    artifacts,
    describe: createVersionDescriber(registry),
    ingest: createEventIngestor({
      db,
      storeText: env.STORE_TEXT,
      metrics,
      knownVersions: createKnownVersions({ registry, db, modelName: env.MODEL_NAME }),
    }),
    models: createModelService({
      registry,
      modelName: env.MODEL_NAME,
      load: overrides.load ?? createOnnxModelLoader(artifacts, inference),
      metrics,
      pollIntervalMs: env.CHAMPION_POLL_INTERVAL_MS,
      onServe: (model, info) => recordServedVersion(db, model, info),
    }),
    predictionWriter: createPredictionWriter({ db, metrics }),
    inference,
    inferenceBudget: createInferenceBudget({
      charsPerSecond: env.INFERENCE_BUDGET_CHARS_PER_SECOND,
      burstChars: env.INFERENCE_BUDGET_BURST_CHARS,
    }),
  };
}
