import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalRegistry } from '@polarity/core/registry';

/**
 * The e2e server's own registry: the shipped model copied under the given name, plus one more
 * version (the champion's files, registered again; `versions.ts` calls it the spare), so tests
 * can promote a new champion without touching registry/.
 * Usage: tsx support/prepare-registry.ts <shipped registry> <scratch registry> <model name>
 */
const [source, target, model] = process.argv.slice(2);
if (!source || !target || !model)
  throw new Error('usage: prepare-registry.ts <shipped registry> <scratch registry> <model name>');
const shippedModel = 'polarity-sentiment';
await mkdir(target, { recursive: true });
await cp(join(source, shippedModel), join(target, model), { recursive: true });
const registry = new LocalRegistry(target);
const champion = await registry.getVersionByAlias(model, 'champion');
await registry.registerVersion(model, {
  dir: `${target}/${model}/${champion.version}`,
  description: `e2e: a copy of version ${champion.version}, to promote`,
  params: champion.params ?? {},
  metrics: champion.metrics ?? {},
});
