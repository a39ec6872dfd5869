import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { manifestFileName, parseManifest, verifyFile } from './manifest.ts';
import { type Manifest, type ManifestEntry, RegistryError } from './types.ts';

/** An exported model folder about to be registered, its manifest already checked against it. */
export interface ExportFolder {
  manifest: Manifest;
  manifestBytes: Uint8Array;
  /** A listed file's bytes; throws `invalid` when they no longer match the manifest. */
  read(entry: ManifestEntry): Promise<Uint8Array>;
}

/**
 * Registration refuses folders whose manifest does not describe them exactly (missing or
 * unlisted files, subfolders), because readers trust the manifest as the whole truth.
 */
export async function openExportFolder(dir: string): Promise<ExportFolder> {
  const where = `export folder ${dir}`;
  let manifestBytes: Uint8Array;
  try {
    manifestBytes = await readFile(join(dir, manifestFileName));
  } catch (cause) {
    throw new RegistryError('invalid', `${where}: cannot read ${manifestFileName}`, { cause });
  }
  let manifest: Manifest;
  try {
    manifest = parseManifest(manifestBytes, where);
  } catch (error) {
    throw asInvalid(error);
  }

  const present = await readdir(dir, { withFileTypes: true });
  const listed = new Set(manifest.files.map((entry) => entry.name));
  const unlisted = present
    .filter((dirent) => dirent.name !== manifestFileName && !listed.has(dirent.name))
    .map((dirent) => (dirent.isDirectory() ? `${dirent.name}/` : dirent.name));
  const presentFiles = new Set(present.filter((d) => d.isFile()).map((d) => d.name));
  const missing = [...listed].filter((name) => !presentFiles.has(name));
  if (unlisted.length > 0 || missing.length > 0) {
    throw new RegistryError(
      'invalid',
      `${where}: ${manifestFileName} does not match the folder` +
        (missing.length > 0 ? `; listed but missing: ${missing.join(', ')}` : '') +
        (unlisted.length > 0 ? `; present but unlisted: ${unlisted.join(', ')}` : ''),
    );
  }

  return {
    manifest,
    manifestBytes,
    async read(entry) {
      const bytes = await readFile(join(dir, entry.name));
      try {
        verifyFile(entry, bytes, where);
      } catch (error) {
        throw asInvalid(error);
      }
      return bytes;
    },
  };
}

// A bad export is the caller's input, not stored data gone bad.
function asInvalid(error: unknown): unknown {
  return error instanceof RegistryError && error.code === 'corrupt'
    ? new RegistryError('invalid', error.message, { cause: error })
    : error;
}
