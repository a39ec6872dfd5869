import type { ArtifactStore } from './artifact-store.ts';
import type { InferencePool } from './inference-pool.ts';
import { parseModelConfig } from './model-session.ts';
import type { ModelLoader, ServedModel } from './served-model.ts';

/**
 * Reads a version's verified files and loads them into every inference worker (each builds
 * and warms up its own onnxruntime session). The version is released from the workers only
 * after the last request using it has finished.
 */
export function createOnnxModelLoader(artifacts: ArtifactStore, pool: InferencePool): ModelLoader {
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
    const parsedConfig = parseModelConfig(files, where);
    await pool.load(key, files);

    let running = 0;
    let released: (() => void) | undefined;
    const served: ServedModel = {
      name,
      version,
      config: parsedConfig,
      async classify(texts, client = 'local') {
        running++;
        try {
          return await pool.classify(key, texts, client);
        } finally {
          running--;
          if (running === 0) released?.();
        }
      },
      release() {
        return new Promise<void>((resolve) => {
          released = resolve;
          if (running === 0) resolve();
        }).then(() => pool.release(key));
      },
    };
    return served;
  };
}
