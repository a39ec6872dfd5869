import { createRegistry, type ModelRegistry } from '@polarity/core/registry';
import type { Env } from '../env.ts';

/** The registry every role reads: MLflow when MLFLOW_TRACKING_URI is set, else REGISTRY_DIR. */
export function registryFromEnv(env: Env): ModelRegistry {
  return createRegistry({
    registryDir: env.REGISTRY_DIR,
    ...(env.MLFLOW_TRACKING_URI === undefined
      ? {}
      : { mlflowTrackingUri: env.MLFLOW_TRACKING_URI }),
  });
}
