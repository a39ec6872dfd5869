import { type ModelRegistry, RegistryError } from '@polarity/core/registry';

/** The aliases the monitor reports; the champion serves, the challenger runs in shadow. */
const monitoredAliases = ['champion', 'challenger'] as const;

export interface AliasedVersion {
  model: string;
  alias: string;
  version: string;
}

/** Which version each alias points at; an alias that is not set is left out. */
export async function readAliases(
  registry: ModelRegistry,
  model: string,
): Promise<AliasedVersion[]> {
  const found: AliasedVersion[] = [];
  for (const alias of monitoredAliases) {
    try {
      const info = await registry.getVersionByAlias(model, alias);
      found.push({ model, alias, version: info.version });
    } catch (error) {
      if (error instanceof RegistryError && error.code === 'not_found') continue;
      throw new Error(`registry: cannot read alias ${alias} of ${model}`, { cause: error });
    }
  }
  return found;
}
