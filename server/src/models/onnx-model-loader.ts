import type { ArtifactStore } from './artifact-store.ts';
import { coalescedRuns } from './coalesced-runs.ts';
import type { InferencePool } from './inference-pool.ts';
import { mainThreadLane } from './main-thread-lane.ts';
import { createModelSession } from './model-session.ts';
import { servedClassification } from './served-classification.ts';
import type { ModelLoader, ServedModel } from './served-model.ts';

/**
 * Reads a version's verified files and builds its inference session twice over: on the main
 * thread for short reviews (mainThreadLane) and in every inference worker for the rest. The
 * version is released only after the last request using it has finished.
 */
export function createOnnxModelLoader(artifacts: ArtifactStore, pool: InferencePool): ModelLoader {
  const lane = mainThreadLane();
  return async (name, version) => {
    const where = (file: string) => `model ${name} version ${version} ${file}`;
    const [model, tokenizer, tokenizerConfig, config] = await Promise.all(
      ['model.onnx', 'tokenizer.json', 'tokenizer_config.json', 'config.json'].map((file) =>
        artifacts.read(name, version, file),
      ),
    );
    const files = {
      model: model!,
      tokenizer: tokenizer!,
      tokenizerConfig: tokenizerConfig!,
      config: config!,
    };
    const key = `${name}@${version}`;
    const session = await createModelSession(files, where);
    try {
      await pool.load(key, files);
    } catch (error) {
      await session.release();
      throw error;
    }
    const onMainThread = coalescedRuns((texts) => session.classify(texts));

    let running = 0;
    let released: (() => void) | undefined;
    const served: ServedModel = {
      name,
      version,
      config: session.config,
      async classify(texts, client = 'local', explain = 'all') {
        running++;
        try {
          const chars = texts.reduce((sum, text) => sum + text.length, 0);
          if (!lane.admit(chars)) return await pool.classify(key, texts, client, explain);
          const results = await onMainThread(texts);
          return results.map((result, i) => servedClassification(texts[i]!, result, explain));
        } finally {
          running--;
          if (running === 0) released?.();
        }
      },
      release() {
        return new Promise<void>((resolve) => {
          released = resolve;
          if (running === 0) resolve();
        }).then(() => {
          pool.release(key);
          return session.release();
        });
      },
    };
    return served;
  };
}
