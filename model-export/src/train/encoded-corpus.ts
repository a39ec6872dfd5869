import type { ReviewTokenizer } from '@polarity/core/inference';
import { createReviewTokenizer } from '@polarity/core/inference';
import type { ReviewRecord } from '../data/review-record.ts';
import { buildVocabulary } from '../tokenizer/build-vocabulary.ts';
import { materializeTokenizer } from '../tokenizer/load-tokenizer.ts';
import { unkTokenId } from '../tokenizer/tokenizer-files.ts';
import { type FeatureSpace, featureCount, type SparseDoc, toSparseDoc } from './features.ts';
import type { Hyperparameters } from './hyperparameters.ts';

/** A vocabulary, the tokenizer built from it, and the feature space over its ids. */
export interface Encoder {
  words: string[];
  tokenizer: ReviewTokenizer;
  space: FeatureSpace;
  toDoc(text: string): SparseDoc;
}

export async function buildEncoder(
  training: readonly ReviewRecord[],
  params: Hyperparameters,
): Promise<Encoder> {
  const words = buildVocabulary(
    training.flatMap((r) => [r.text, r.title]),
    params.min_word_docs,
    params.max_words,
  );
  const tokenizer = createReviewTokenizer(await materializeTokenizer(words, params.max_length), {
    maxLength: params.max_length,
    unkTokenId,
  });
  const space: FeatureSpace = {
    vocabSize: words.length + 2,
    bigramBuckets: params.bigram_buckets,
    bigramPrime: params.bigram_prime,
  };
  return {
    words,
    tokenizer,
    space,
    toDoc: (text) => toSparseDoc(space, tokenizer.encode(text).ids),
  };
}

export interface TrainingSet {
  docs: SparseDoc[];
  labels: number[];
  trainable: Uint8Array;
}

/** Reviews (and, when enabled, their titles as extra examples) with the trainable-feature mask. */
export function trainingSet(
  encoder: Encoder,
  records: readonly ReviewRecord[],
  params: Hyperparameters,
): TrainingSet {
  const titled = records.filter((r) => r.title !== '');
  const examples = [
    ...records.map((r) => ({ text: r.text, label: r.label })),
    ...Array.from({ length: params.title_copies }, () =>
      titled.map((r) => ({ text: r.title, label: r.label })),
    ).flat(),
  ];
  const docs = examples.map((e) => encoder.toDoc(e.text));
  const docFrequency = new Uint32Array(featureCount(encoder.space));
  for (const doc of docs) for (const f of doc.indices) docFrequency[f]!++;
  const { vocabSize } = encoder.space;
  const trainable = Uint8Array.from(docFrequency, (count, f) =>
    f < vocabSize ? (f === 0 ? 0 : 1) : count >= params.min_bigram_docs ? 1 : 0,
  );
  return { docs, labels: examples.map((e) => e.label), trainable };
}
