import { BertTokenizer } from '@huggingface/transformers';
import {
  type Classifier,
  classifierFileNames,
  classifierFromParts,
  type ModelConfig,
  parseModelFiles,
} from '@polarity/core/inference';
import type { ModelRegistry } from '@polarity/core/registry';
import * as ort from 'onnxruntime-node';
import { modelName } from './registry-access.ts';

/**
 * A version's classifier in onnxruntime-node through the shared loader, so evaluation scores
 * through exactly the tokenizer path users meet; every file comes through the registry, so a
 * sha256 mismatch fails here as `corrupt`.
 */
export async function loadVersionClassifier(
  registry: ModelRegistry,
  version: string,
): Promise<{ classifier: Classifier; config: ModelConfig; modelBytes: Uint8Array }> {
  const [modelBytes, ...fileBytes] = await Promise.all(
    ['model.onnx', ...classifierFileNames].map((file) =>
      registry.readFile(modelName, version, file),
    ),
  );
  const files = parseModelFiles(
    Object.fromEntries(classifierFileNames.map((file, i) => [file, fileBytes[i]!])) as Record<
      (typeof classifierFileNames)[number],
      Uint8Array
    >,
    (file) => `model ${modelName} version ${version} ${file}`,
  );
  const session = await ort.InferenceSession.create(modelBytes!);
  return {
    classifier: classifierFromParts({
      files,
      pretrained: new BertTokenizer(files.tokenizerJson, files.tokenizerConfig),
      session,
      tensor: ort.Tensor,
    }),
    config: files.config,
    modelBytes: modelBytes!,
  };
}
