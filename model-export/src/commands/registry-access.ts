import { resolve } from 'node:path';
import { createRegistry, type ModelRegistry, RegistryError } from '@polarity/core/registry';
import { repoRoot } from '@polarity/server/env';

export const modelName = 'polarity-sentiment';

/** The repository root, found as the server finds it (also from the compiled CLI). */
export { repoRoot };

/** MLFLOW_TRACKING_URI picks MLflow; otherwise REGISTRY_DIR (default `<repo>/registry`). */
export function openRegistry(): ModelRegistry {
  const registryDir = resolve(process.env.REGISTRY_DIR ?? resolve(repoRoot, 'registry'));
  const mlflowTrackingUri = process.env.MLFLOW_TRACKING_URI;
  return createRegistry(mlflowTrackingUri ? { registryDir, mlflowTrackingUri } : { registryDir });
}

/** The champion's version, or undefined when no alias is set (or no model yet). */
export async function championVersion(registry: ModelRegistry): Promise<string | undefined> {
  try {
    return (await registry.getVersionByAlias(modelName, 'champion')).version;
  } catch (error) {
    if (error instanceof RegistryError && error.code === 'not_found') return undefined;
    throw error;
  }
}

export async function listVersionsOrEmpty(registry: ModelRegistry) {
  try {
    return await registry.listVersions(modelName);
  } catch (error) {
    if (error instanceof RegistryError && error.code === 'not_found') return [];
    throw error;
  }
}
