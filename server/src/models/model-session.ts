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
 * Builds a version's inference session (onnxruntime-node) and tokenizer from its files through
 * the shared loader, then warms it up so the first request is not slow. The tokenizer is
 * @huggingface/tokenizers, the very code (and version) transformers.js wraps for `BertTokenizer.encode`
 * in the browser and the trainer: the whole of transformers.js would cost each of the server's
 * threads (the main one and every inference worker) about 40 MB and its parse time, for nothing.
 */
export async function createModelSession(files: ModelFiles, where: Where): Promise<ModelSession> {
  // Imported on first use: both are heavy, and a server that exits on bad config never needs them.
  const [ort, { Tokenizer }] = await Promise.all([
    import('onnxruntime-node'),
    import('@huggingface/tokenizers'),
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
    pretrained: pretrainedTokenizer(
      new Tokenizer(modelFiles.tokenizerJson, modelFiles.tokenizerConfig),
    ),
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

/** transformers.js's `PreTrainedTokenizer.encode`: the ids of the tokenizer's encoding. */
function pretrainedTokenizer(tokenizer: {
  encode(text: string, options?: { add_special_tokens?: boolean }): { ids: number[] };
}) {
  return {
    encode: (text: string, options?: { add_special_tokens?: boolean }) =>
      tokenizer.encode(text, options).ids,
  };
}
