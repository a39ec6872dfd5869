import { z } from 'zod';
import { ModelConfig } from '../contracts/model.ts';
import {
  type Classifier,
  createClassifier,
  type SessionLike,
  type TensorConstructor,
} from './classifier.ts';
import { createReviewTokenizer, type PretrainedTokenizerLike } from './review-tokenizer.ts';
import { wholeWordVocabulary } from './whole-word-vocabulary.ts';

/**
 * Turning a model version's files into a `Classifier`, once for every runtime: the browser
 * worker (onnxruntime-web), the server (onnxruntime-node) and `npm run model -- evaluate`. Each
 * brings only what differs: how it builds an inference session, and how it builds the full
 * tokenizer (transformers.js). Parsing, the whole-word fast path and warm-up are the same, so a
 * version scores the same wherever it runs.
 */

/** The files a classifier is built from, as the registry or the browser cache hands them over. */
export const classifierFileNames = [
  'config.json',
  'tokenizer.json',
  'tokenizer_config.json',
] as const;
export type ClassifierFileName = (typeof classifierFileNames)[number];

/** Run once before a new classifier serves, so the first user does not pay for the JIT. */
export const warmUpTexts = [
  'Warm-up review: the product works well, but the battery is disappointing.',
  'Broke after two days, very disappointed.',
];

/** A version's file cannot be used; `message` names the file and what is wrong with it. */
export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

export interface ParsedModelFiles {
  config: ModelConfig;
  tokenizerJson: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
}

const jsonObject = z.record(z.string(), z.unknown());

function parseJson<T extends z.ZodType>(
  schema: T,
  bytes: ArrayBuffer | Uint8Array,
  where: string,
): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new ModelFileError(`${where} is not JSON`, { cause });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ModelFileError(`${where} is malformed: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** `where(file)` prefixes each error, e.g. "model polarity-sentiment version 2: config.json". */
export function parseModelFiles(
  files: Record<ClassifierFileName, ArrayBuffer | Uint8Array>,
  where: (file: ClassifierFileName) => string,
): ParsedModelFiles {
  return {
    config: parseJson(ModelConfig, files['config.json'], where('config.json')),
    tokenizerJson: parseJson(jsonObject, files['tokenizer.json'], where('tokenizer.json')),
    tokenizerConfig: parseJson(
      jsonObject,
      files['tokenizer_config.json'],
      where('tokenizer_config.json'),
    ),
  };
}

export interface ClassifierParts {
  files: ParsedModelFiles;
  /**
   * The full tokenizer. The browser passes a stand-in that loads transformers.js on first need;
   * `ready` then resolves once it has (texts the whole-word vocabulary covers never wait).
   */
  pretrained: PretrainedTokenizerLike;
  ready?: () => Promise<void>;
  session: SessionLike;
  tensor: TensorConstructor;
}

/** The shared classifier over one runtime's session and tokenizer. */
export function classifierFromParts(parts: ClassifierParts): Classifier {
  const { config, tokenizerJson } = parts.files;
  const tokenizer = createReviewTokenizer(parts.pretrained, {
    maxLength: config.max_length,
    unkTokenId: config.unk_token_id,
    vocabulary: wholeWordVocabulary(tokenizerJson),
  });
  const classifier = createClassifier({
    tensor: parts.tensor,
    session: parts.session,
    tokenizer,
    config,
  });
  const { ready } = parts;
  if (!ready) return classifier;
  return {
    async classify(texts) {
      if (texts.some(tokenizer.needsTokenizer)) await ready();
      return classifier.classify(texts);
    },
  };
}
