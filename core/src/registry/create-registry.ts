import { resolve } from 'node:path';
import { LocalRegistry } from './local.ts';
import { MlflowRegistry } from './mlflow.ts';
import type { ModelRegistry } from './types.ts';

export interface RegistryOptions {
  /** The local registry folder; also anchors the default MLflow cache. */
  registryDir: string;
  /** Set: the MLflow backend at this URI. Unset: the local backend in `registryDir`. */
  mlflowTrackingUri?: string;
  /** MLflow only: per request, ms (default 5000). */
  timeoutMs?: number;
  /** MLflow only: where verified files and metadata are cached (default `<registryDir>/../data/registry-cache`). */
  cacheDir?: string;
}

export function createRegistry(options: RegistryOptions): ModelRegistry {
  if (!options.mlflowTrackingUri) return new LocalRegistry(options.registryDir);
  return new MlflowRegistry({
    trackingUri: options.mlflowTrackingUri,
    cacheDir: options.cacheDir ?? resolve(options.registryDir, '..', 'data', 'registry-cache'),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
}
