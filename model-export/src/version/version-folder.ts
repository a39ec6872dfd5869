import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from './fingerprint.ts';

const manifestName = 'manifest.json';

/**
 * Writes `files` into `dir` (which must not hold other files), then `manifest.json` listing
 * each with its sha256 and size, sorted by name so the manifest is reproducible.
 */
export async function writeVersionFolder(
  dir: string,
  files: Record<string, Uint8Array | string>,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const existing = await readdir(dir);
  if (existing.length > 0)
    throw new Error(`export folder ${dir} is not empty (${existing.slice(0, 3).join(', ')}…)`);
  const entries = [];
  for (const name of Object.keys(files).sort()) {
    const bytes =
      typeof files[name] === 'string' ? new TextEncoder().encode(files[name]) : files[name]!;
    await writeFile(join(dir, name), bytes);
    entries.push({ name, sha256: sha256(bytes), size: bytes.byteLength });
  }
  await writeFile(join(dir, manifestName), `${JSON.stringify({ files: entries }, null, 2)}\n`);
}
