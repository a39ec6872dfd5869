import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256Hex } from '../../../src/registry/index.ts';

/** Byte equality that ignores Buffer versus Uint8Array. */
export function sameBytes(actual: Uint8Array, expected: Uint8Array | undefined): boolean {
  return expected !== undefined && Buffer.from(actual).equals(Buffer.from(expected));
}

/** A fresh temporary folder; remove it with `rm(dir, { recursive: true })`. */
export function tempDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `polarity-${label}-`));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * An exported model folder as model-export writes it, with small stand-in files and a
 * manifest that matches them. `seed` makes two exports differ.
 */
export async function writeExportFolder(
  dir: string,
  seed = 'a',
): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {
    'model.onnx': randomBytes(4096),
    'tokenizer.json': new TextEncoder().encode(JSON.stringify({ seed, model: { vocab: {} } })),
    'tokenizer_config.json': new TextEncoder().encode('{"do_lower_case":true}'),
    'config.json': new TextEncoder().encode('{"id2label":{"0":"negative","1":"positive"}}'),
    'README.md': new TextEncoder().encode(`# model card ${seed}\n`),
    'confusion-matrix.svg': new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'),
  };
  for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, name), bytes);
  const manifest = {
    files: Object.entries(files).map(([name, bytes]) => ({
      name,
      sha256: sha256Hex(bytes),
      size: bytes.byteLength,
    })),
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return files;
}
