import {
  type Classifier,
  classifierFromParts,
  type ModelConfig,
  parseModelFiles,
  warmUpTexts,
} from '@polarity/core/inference';
import type { ModelFiles } from './inference-messages.ts';

/** `model name version file`, the prefix of every error about a version's files. */
export type Where = (file: string) => string;

export interface ModelSession extends Classifier {
  /** the version's config.json, parsed once with the other files */
  config: ModelConfig;
  release(): Promise<void>;
}

/**
 * Builds a version's inference session (onnxruntime-node) and tokenizer (transformers.js) from
 * its files through the shared loader, then warms it up so the first request is not slow.
 */
export async function createModelSession(files: ModelFiles, where: Where): Promise<ModelSession> {
  // Imported on first use: both are heavy, and a server that exits on bad config never needs them.
  const [ort, { BertTokenizer }] = await Promise.all([
    import('onnxruntime-node'),
    import('@huggingface/transformers'),
  ]);
  const modelFiles = parseModelFiles(
    {
      'config.json': files.config,
      'tokenizer.json': files.tokenizer,
      'tokenizer_config.json': files.tokenizerConfig,
    },
    where,
  );
  const session = await ort.InferenceSession.create(files.model, {
    // One thread per run: each inference worker is one thread, and the pool sets how many run.
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  }).catch((cause: unknown) => {
    throw new Error(`${where('model.onnx')} cannot be loaded by onnxruntime`, { cause });
  });
  const classifier = classifierFromParts({
    files: modelFiles,
    pretrained: new BertTokenizer(modelFiles.tokenizerJson, modelFiles.tokenizerConfig),
    session,
    tensor: ort.Tensor,
  });
  await classifier.classify(warmUpTexts);
  return {
    config: modelFiles.config,
    classify: (texts) => classifier.classify(texts),
    release: () => session.release(),
  };
}
