import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import type { PretrainedTokenizerLike } from '@polarity/core/inference';
import { tokenizerConfigJson, tokenizerJson } from './tokenizer-files.ts';

/** Loads `<folder>/tokenizer.json` exactly as the server and the browser do: local files only. */
export async function loadTokenizerFolder(folder: string): Promise<PretrainedTokenizerLike> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${dirname(folder)}/`;
  env.useFSCache = false;
  return AutoTokenizer.from_pretrained(basename(folder));
}

/**
 * Writes the tokenizer files to a scratch folder and loads them back, so training encodes
 * texts with the very tokenizer it ships.
 */
export async function materializeTokenizer(
  words: readonly string[],
  maxLength: number,
): Promise<PretrainedTokenizerLike> {
  const scratch = await mkdtemp(join(tmpdir(), 'polarity-tokenizer-'));
  const folder = join(scratch, 'tokenizer');
  try {
    await mkdir(folder);
    await writeFile(
      join(folder, 'tokenizer.json'),
      JSON.stringify(tokenizerJson(words, maxLength)),
    );
    await writeFile(
      join(folder, 'tokenizer_config.json'),
      JSON.stringify(tokenizerConfigJson(maxLength)),
    );
    return await loadTokenizerFolder(folder);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
