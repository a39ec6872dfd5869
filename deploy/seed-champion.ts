import { type LocalRegistry, type ModelRegistry, RegistryError } from '@polarity/core/registry';

/** Tag on the version copied into the target, so an interrupted seed can be finished. */
export const seededFromTag = 'polarity.seeded_from';

export type SeedOutcome =
  | { action: 'registered'; version: string; from: string }
  | { action: 'promoted'; version: string; from: string }
  | { action: 'kept'; version: string }
  | { action: 'left-alone'; versions: number };

/**
 * Makes a fresh registry (MLflow in the compose stack) serve the shipped model: when `target`
 * holds no version of `model`, the source's champion is registered there and made champion.
 * A registry that already has versions is never changed, except to finish a seed that was
 * interrupted between registering and promoting.
 */
export async function seedChampion(
  source: LocalRegistry,
  target: ModelRegistry,
  model: string,
): Promise<SeedOutcome> {
  const existing = await listOrEmpty(target, model);
  const champion = existing.find((info) => info.aliases.includes('champion'));
  if (champion) return { action: 'kept', version: champion.version };

  const shipped = await source.getVersionByAlias(model, 'champion').catch((error: unknown) => {
    throw new Error(`cannot read the shipped champion of ${model} in ${source.registryDir}`, {
      cause: error,
    });
  });
  const from = `registry/${model}/${shipped.version}`;

  const interrupted = existing.find((info) => info.tags[seededFromTag] === from);
  if (interrupted) {
    await target.setAlias(model, 'champion', interrupted.version);
    return { action: 'promoted', version: interrupted.version, from };
  }
  if (existing.length > 0) return { action: 'left-alone', versions: existing.length };

  const registered = await target.registerVersion(model, {
    // A local version's source is its folder, laid out as an export folder.
    dir: shipped.source,
    ...(shipped.description === undefined ? {} : { description: shipped.description }),
    params: shipped.params ?? {},
    metrics: shipped.metrics ?? {},
    tags: { ...shipped.tags, [seededFromTag]: from },
  });
  await target.setAlias(model, 'champion', registered.version);
  return { action: 'registered', version: registered.version, from };
}

async function listOrEmpty(registry: ModelRegistry, model: string) {
  try {
    return await registry.listVersions(model);
  } catch (error) {
    if (error instanceof RegistryError && error.code === 'not_found') return [];
    throw error;
  }
}
