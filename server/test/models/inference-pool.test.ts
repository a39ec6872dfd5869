import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelFiles } from '../../src/models/inference-messages.ts';
import { createInferencePool, InferenceQueueFullError } from '../../src/models/inference-pool.ts';
import { createModelSession } from '../../src/models/model-session.ts';
import { servedClassification } from '../../src/models/served-classification.ts';
import { modelName, shippedModelAvailable, shippedRegistryDir } from '../support/model-registry.ts';

const where = (file: string) => `shipped model ${file}`;
const reviews = [
  'Great blender, works perfectly!',
  'Stopped working after a week. Très déçu 😞',
  'ok',
];

async function shippedFiles(): Promise<ModelFiles> {
  const read = (file: string) => readFile(join(shippedRegistryDir, modelName, '1', file));
  const [model, tokenizer, tokenizerConfig, config] = await Promise.all(
    ['model.onnx', 'tokenizer.json', 'tokenizer_config.json', 'config.json'].map(read),
  );
  return {
    model: model!,
    tokenizer: tokenizer!,
    tokenizerConfig: tokenizerConfig!,
    config: config!,
  };
}

describe.skipIf(!shippedModelAvailable)('inference pool (real workers, real onnxruntime)', () => {
  let files: ModelFiles;
  const pool = createInferencePool({ workers: 1, maxQueuedChars: 100_000 });

  beforeAll(async () => {
    files = await shippedFiles();
    await pool.load('shipped@1', files);
  });
  afterAll(() => pool.close());

  it('scores in a worker exactly as the main thread does, in either explanation scope', async () => {
    const session = await createModelSession(files, where);
    try {
      const [all, shown, onMain] = await Promise.all([
        pool.classify('shipped@1', reviews, 'a', 'all'),
        pool.classify('shipped@1', reviews, 'a', 'shown'),
        session.classify(reviews),
      ]);
      expect(all).toEqual(onMain.map((c, i) => servedClassification(reviews[i]!, c, 'all')));
      expect(shown).toEqual(onMain.map((c, i) => servedClassification(reviews[i]!, c, 'shown')));
      // The shown scope is a strict subset here: the worker did choose the tokens.
      const tokens = (json: string) => (JSON.parse(json) as unknown[]).length;
      expect(tokens(shown[0]!.explanation)).toBeLessThan(tokens(all[0]!.explanation));
    } finally {
      await session.release();
    }
  });

  it('refuses work beyond the queue limit, and still scores what it queued', async () => {
    const text = 'A long review that keeps going. '.repeat(600).slice(0, 19_000);
    const jobs = Array.from({ length: 8 }, (_, i) =>
      pool.classify('shipped@1', [text, text], `client-${i}`).then(
        (results) => results.length,
        (error: unknown) => error,
      ),
    );
    const outcomes = await Promise.all(jobs);
    const refused = outcomes.filter((outcome) => outcome instanceof InferenceQueueFullError);
    expect(refused.length).toBeGreaterThan(0);
    expect(outcomes.filter((outcome) => outcome === 2).length).toBeGreaterThan(0);
    expect(refused.length + outcomes.filter((outcome) => outcome === 2).length).toBe(8);
  });

  it('says which version a worker does not hold', async () => {
    await expect(pool.classify('shipped@9', ['text'], 'a')).rejects.toThrow(
      /shipped@9 is not loaded/,
    );
  });
});
