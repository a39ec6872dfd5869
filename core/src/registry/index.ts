export { createRegistry, type RegistryOptions } from './create-registry.ts';
export { LocalRegistry } from './local.ts';
export { manifestFileName } from './manifest.ts';
export { experimentName, MlflowRegistry, type MlflowRegistryOptions } from './mlflow.ts';
export { MlflowApiError, MlflowClient, type MlflowClientOptions } from './mlflow-client.ts';
export { sha256Hex } from './sha256.ts';
export * from './types.ts';
