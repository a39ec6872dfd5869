/**
 * The compose stack's one-shot `model-init`: seeds MLflow with the model version shipped in
 * registry/ so a fresh stack serves a champion. Configured like the server (server/src/env.ts).
 */
import { createRegistry, LocalRegistry } from '@polarity/core/registry';
import { loadEnv } from '@polarity/server/env';
import { seedChampion } from './seed-champion.ts';

const env = loadEnv();
if (!env.MLFLOW_TRACKING_URI) {
  console.error('model-init: MLFLOW_TRACKING_URI: must be set (the registry to seed)');
  process.exit(1);
}
const target = createRegistry({
  registryDir: env.REGISTRY_DIR,
  mlflowTrackingUri: env.MLFLOW_TRACKING_URI,
});

try {
  const outcome = await seedChampion(new LocalRegistry(env.REGISTRY_DIR), target, env.MODEL_NAME);
  const where = `${env.MODEL_NAME} in ${env.MLFLOW_TRACKING_URI}`;
  switch (outcome.action) {
    case 'registered':
      console.log(
        `model-init: registered ${outcome.from} as version ${outcome.version} of ${where}, alias champion`,
      );
      break;
    case 'promoted':
      console.log(
        `model-init: finished an interrupted seed: champion → version ${outcome.version} of ${where}`,
      );
      break;
    case 'kept':
      console.log(
        `model-init: ${where} already has champion version ${outcome.version}; nothing to do`,
      );
      break;
    case 'left-alone':
      console.warn(
        `model-init: ${where} has ${outcome.versions} versions but no champion; not touching it (set the alias in MLflow)`,
      );
      break;
  }
} catch (error) {
  console.error(`model-init: ${error instanceof Error ? error.message : error}`);
  if (error instanceof Error && error.cause) console.error('  cause:', error.cause);
  process.exit(1);
}
