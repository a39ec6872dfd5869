import {
  type Classifier,
  createClassifier,
  createReviewTokenizer,
  ModelConfig,
  wholeWordVocabulary,
} from '@polarity/core/inference';
import { z } from 'zod';
import type { ModelFiles } from './inference-messages.ts';

const warmUpTexts = [
  'Warm-up review: the blender works great.',
  'Broke after two days, very disappointed.',
];

function parseJson<T extends z.ZodType>(schema: T, bytes: Uint8Array, where: string): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new Error(`${where} is not JSON`, { cause });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`${where} is malformed: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

const jsonObject = z.record(z.string(), z.unknown());

/** `model name version file`, the prefix of every error about a version's files. */
export type Where = (file: string) => string;

export function parseModelConfig(files: Pick<ModelFiles, 'config'>, where: Where): ModelConfig {
  return parseJson(ModelConfig, files.config, where('config.json'));
}

export interface ModelSession extends Classifier {
  release(): Promise<void>;
}

/**
 * Builds a version's inference session (onnxruntime-node) and tokenizer (transformers.js) from
 * its files, then runs the shared classifier once so the first request is not slow.
 */
export async function createModelSession(files: ModelFiles, where: Where): Promise<ModelSession> {
  // Imported on first use: both are heavy, and a server that exits on bad config never needs them.
  const [ort, { BertTokenizer }] = await Promise.all([
    import('onnxruntime-node'),
    import('@huggingface/transformers'),
  ]);
  const config = parseModelConfig(files, where);
  const tokenizerJson = parseJson(jsonObject, files.tokenizer, where('tokenizer.json'));
  const pretrained = new BertTokenizer(
    tokenizerJson,
    parseJson(jsonObject, files.tokenizerConfig, where('tokenizer_config.json')),
  );
  const session = await ort.InferenceSession.create(files.model, {
    // One thread per run: each inference worker is one thread, and the pool sets how many run.
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  }).catch((cause: unknown) => {
    throw new Error(`${where('model.onnx')} cannot be loaded by onnxruntime`, { cause });
  });
  const classifier = createClassifier({
    tensor: ort.Tensor,
    session,
    tokenizer: createReviewTokenizer(pretrained, {
      maxLength: config.max_length,
      unkTokenId: config.unk_token_id,
      vocabulary: wholeWordVocabulary(tokenizerJson),
    }),
    config,
  });
  await classifier.classify(warmUpTexts);
  return { classify: (texts) => classifier.classify(texts), release: () => session.release() };
}
