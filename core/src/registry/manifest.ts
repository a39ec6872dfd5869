import { z } from 'zod';
import { sha256Hex } from './sha256.ts';
import { type Manifest, type ManifestEntry, RegistryError } from './types.ts';

export const manifestFileName = 'manifest.json';

// Flat file names only: a manifest entry is later joined to a folder path or an artifact URL.
const fileName = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/)
  .refine((name) => name !== manifestFileName, 'the manifest cannot list itself');

const manifestSchema = z.object({
  files: z.array(
    z.object({
      name: fileName,
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      size: z.number().int().nonnegative(),
    }),
  ),
});

/** `where` names the version, e.g. `model sentiment version 3`, for error messages. */
export function parseManifest(bytes: Uint8Array | string, where: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new RegistryError('corrupt', `${where}: ${manifestFileName} is not JSON`, { cause });
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new RegistryError(
      'corrupt',
      `${where}: ${manifestFileName} is malformed: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/**
 * The entry for a requested file. Only names the manifest lists can be read, which is what
 * keeps `../` and absolute paths out of every backend.
 */
export function manifestEntry(manifest: Manifest, file: string, where: string): ManifestEntry {
  const entry = manifest.files.find((candidate) => candidate.name === file);
  if (!entry) {
    throw new RegistryError(
      fileName.safeParse(file).success ? 'not_found' : 'invalid',
      `${where}: ${JSON.stringify(file)} is not a file listed in ${manifestFileName}`,
    );
  }
  return entry;
}

export function verifyFile(entry: ManifestEntry, bytes: Uint8Array, where: string): void {
  const actual = { sha256: sha256Hex(bytes), size: bytes.byteLength };
  if (actual.sha256 !== entry.sha256 || actual.size !== entry.size) {
    throw new RegistryError(
      'corrupt',
      `${where}: file ${entry.name} does not match ${manifestFileName}: ` +
        `expected sha256 ${entry.sha256} (${entry.size} bytes), ` +
        `actual sha256 ${actual.sha256} (${actual.size} bytes)`,
    );
  }
}
