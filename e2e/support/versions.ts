import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The versions the e2e server serves, from the shipped registry: its champion, and the copy of
 * that champion `prepare-registry.ts` registers after the shipped versions, so tests can
 * promote or shadow a new version whichever version ships as champion.
 */
const shipped = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '..', '..', 'registry', 'polarity-sentiment', 'registry.json'),
    'utf8',
  ),
) as { aliases: Record<string, string>; versions: Record<string, unknown> };

export const championVersion = shipped.aliases.champion!;
export const spareVersion = String(Math.max(...Object.keys(shipped.versions).map(Number)) + 1);
