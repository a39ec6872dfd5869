import { ModelConfig } from '@polarity/core/inference';
import type { ModelRegistry } from '@polarity/core/registry';
import { championVersion, modelName } from './registry-access.ts';

/** Reads and validates a version's config.json through the registry (sha256-verified). */
export async function readConfig(registry: ModelRegistry, version: string): Promise<ModelConfig> {
  const bytes = await registry.readFile(modelName, version, 'config.json');
  const parsed = ModelConfig.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
  if (!parsed.success) {
    throw new Error(
      `${modelName} version ${version}: config.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

export async function listCommand(
  registry: ModelRegistry,
  log: (line: string) => void,
): Promise<void> {
  const versions = await registry.listVersions(modelName);
  log('version  aliases          created                   test acc  title acc');
  for (const v of versions) {
    const config = await readConfig(registry, v.version);
    log(
      `${v.version.padEnd(8)} ${v.aliases.join(',').padEnd(16)} ${v.createdAt.padEnd(25)} ${config.metrics.test_accuracy.toFixed(4).padStart(8)}  ${config.metrics.test_title_only_accuracy.toFixed(4)}`,
    );
  }
}

export async function promoteCommand(
  registry: ModelRegistry,
  version: string,
  alias: string,
  log: (line: string) => void,
): Promise<void> {
  await registry.getVersion(modelName, version);
  await registry.setAlias(modelName, alias, version);
  log(`${alias} -> ${modelName} version ${version}`);
}

/** Moves champion to the highest version below the current one. */
export async function rollbackCommand(
  registry: ModelRegistry,
  log: (line: string) => void,
): Promise<void> {
  const current = await championVersion(registry);
  if (current === undefined) throw new Error(`${modelName}: no champion to roll back`);
  const previous = (await registry.listVersions(modelName))
    .map((v) => Number(v.version))
    .filter((v) => v < Number(current))
    .sort((a, b) => b - a)[0];
  if (previous === undefined)
    throw new Error(`${modelName}: champion is version ${current}; there is no earlier version`);
  await registry.setAlias(modelName, 'champion', String(previous));
  log(`champion -> ${modelName} version ${previous} (was ${current})`);
}
