import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import {
  type Classifier,
  createClassifier,
  createReviewTokenizer,
  type ModelConfig,
} from '@polarity/core/inference';
import type { ModelRegistry } from '@polarity/core/registry';
import * as ort from 'onnxruntime-node';
import { readConfig } from './model-commands.ts';
import { modelName } from './registry-access.ts';

const versionFiles = ['model.onnx', 'tokenizer.json', 'tokenizer_config.json'] as const;

/**
 * A version's classifier in onnxruntime-node through the shared inference module; every file
 * comes through the registry, so a sha256 mismatch fails here as `corrupt`.
 */
export async function loadVersionClassifier(
  registry: ModelRegistry,
  version: string,
): Promise<{ classifier: Classifier; config: ModelConfig; modelBytes: Uint8Array }> {
  const config = await readConfig(registry, version);
  const [modelBytes, tokenizerJson, tokenizerConfig] = await Promise.all(
    versionFiles.map((file) => registry.readFile(modelName, version, file)),
  );
  const scratch = await mkdtemp(join(tmpdir(), 'polarity-version-'));
  try {
    await writeFile(join(scratch, 'tokenizer.json'), tokenizerJson!);
    await writeFile(join(scratch, 'tokenizer_config.json'), tokenizerConfig!);
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = `${tmpdir()}/`;
    const pretrained = await AutoTokenizer.from_pretrained(scratch.slice(tmpdir().length + 1));
    const session = await ort.InferenceSession.create(modelBytes!);
    const tokenizer = createReviewTokenizer(pretrained, {
      maxLength: config.max_length,
      unkTokenId: config.unk_token_id,
    });
    return {
      classifier: createClassifier({ tensor: ort.Tensor, session, tokenizer, config }),
      config,
      modelBytes: modelBytes!,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
