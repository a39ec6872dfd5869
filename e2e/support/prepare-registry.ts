import { cp, mkdir } from 'node:fs/promises';
import { LocalRegistry } from '@polarity/core/registry';

/**
 * The e2e server's own registry: a copy of the shipped one plus one more version (the
 * champion's files, registered again; `versions.ts` calls it the spare), so tests can promote
 * a new champion without touching registry/.
 * Usage: tsx support/prepare-registry.ts <shipped registry> <scratch registry>
 */
const [source, target] = process.argv.slice(2);
if (!source || !target)
  throw new Error('usage: prepare-registry.ts <shipped registry> <scratch registry>');
const model = 'polarity-sentiment';
await mkdir(target, { recursive: true });
await cp(source, target, { recursive: true });
const registry = new LocalRegistry(target);
const champion = await registry.getVersionByAlias(model, 'champion');
await registry.registerVersion(model, {
  dir: `${target}/${model}/${champion.version}`,
  description: `e2e: a copy of version ${champion.version}, to promote`,
  params: champion.params ?? {},
  metrics: champion.metrics ?? {},
});
