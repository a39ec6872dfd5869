import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalRegistry } from '@polarity/core/registry';
import { loadVersionClassifier } from '@polarity/model-export/load-version';
import { describe, expect, it } from 'vitest';
import { createModelSession } from '../../src/models/model-session.ts';
import { modelName, shippedModelAvailable, shippedRegistryDir } from '../support/model-registry.ts';

/** Texts down every tokenizer path: whole-word ASCII, unknown words, accents, CJK, emoji, empty-ish. */
const texts = [
  'Great kettle, boils fast and looks good.',
  'Broke after two days. Would not recommend!',
  "Not bad at all, wasn't terrible.",
  'Disapoinment: the lid wobbles and the handle is flimsy',
  'Café crème, très bon produit',
  '质量很差，不推荐',
  '😍🔥👍',
  'ok',
  'x'.repeat(600),
  `${'solid sturdy quiet '.repeat(120)}but the cord is short`,
];

describe.skipIf(!shippedModelAvailable)('one loader for every runtime', () => {
  it('evaluate (model-export) and the server score a version identically, to the last bit', async () => {
    const version = '1';
    const { classifier: evaluated } = await loadVersionClassifier(
      new LocalRegistry(shippedRegistryDir),
      version,
    );
    const dir = join(shippedRegistryDir, modelName, version);
    const read = (file: string) => readFile(join(dir, file));
    const served = await createModelSession(
      {
        model: await read('model.onnx'),
        tokenizer: await read('tokenizer.json'),
        tokenizerConfig: await read('tokenizer_config.json'),
        config: await read('config.json'),
      },
      (file) => `model ${modelName} version ${version} ${file}`,
    );
    try {
      expect(await served.classify(texts)).toEqual(await evaluated.classify(texts));
    } finally {
      await served.release();
    }
  });
});
