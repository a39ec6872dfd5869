import type { ReviewTokenizer } from '@polarity/core/inference';
import { createReviewTokenizer } from '@polarity/core/inference';
import type { ReviewRecord } from '../data/review-record.ts';
import { buildVocabulary } from '../tokenizer/build-vocabulary.ts';
import { materializeTokenizer } from '../tokenizer/load-tokenizer.ts';
import { unkTokenId } from '../tokenizer/tokenizer-files.ts';
import {
  type FeatureSpace,
  featureCount,
  negatedTokens,
  type SparseDoc,
  tokenWeights,
  toSparseDoc,
  trigramBase,
} from './features.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { afinnLexicon, vaderLexicon } from './lexicon-prior.ts';
import { contrastScope, negationScope } from './negation-scope.ts';
import { loadWordVectors } from './word-vectors.ts';

/**
 * Dense per-word values (AFINN valence, GloVe vector components) and the training-only
 * features that carry them: feature `plainBase + d` sums dimension `d` over the tokens outside
 * negation scopes, `negatedBase + d` over those inside. Their learned weights are folded into
 * the unigram tables at export, so the graph never sees them.
 */
interface DenseWordFeatures {
  /** `values[d][id]`: dimension `d` of token `id` (0 for [PAD], [UNK] and words without one). */
  values: Float64Array[];
  plainBase: number;
  negatedBase: number;
  /** Negated words count their values reversed on the plain features, not on features of their own. */
  reversed: boolean;
}

/** A vocabulary, the tokenizer built from it, and the feature space over its ids. */
export interface Encoder {
  words: string[];
  tokenizer: ReviewTokenizer;
  space: FeatureSpace;
  dense?: DenseWordFeatures;
  /** Feature count while training: the graph's table plus the dense word features. */
  trainingFeatureCount: number;
  /** γ of `toSparseDoc`'s negation flip in training documents. */
  negationFlip: number;
  /** The features the graph scores. */
  toDoc(text: string): SparseDoc;
  /** The same plus the dense word features. */
  toTrainingDoc(text: string): SparseDoc;
}

function denseValues(
  space: FeatureSpace,
  dense: DenseWordFeatures,
  ids: readonly number[],
): Map<number, number> {
  const negated = space.negation ? negatedTokens(space.negation, ids) : undefined;
  const weights = tokenWeights(space, ids);
  const sums = new Map<number, number>();
  const add = (index: number, value: number) => sums.set(index, (sums.get(index) ?? 0) + value);
  ids.forEach((id, t) => {
    const inScope = negated?.[t] === 1;
    // Reversed: one weight per dimension, a negated word's value counted with its sign flipped.
    const base = inScope && !dense.reversed ? dense.negatedBase : dense.plainBase;
    const sign = (inScope && dense.reversed ? -1 : 1) * weights[t]!;
    dense.values.forEach((values, d) => {
      const value = values[id]!;
      if (value !== 0) add(base + d, sign * value);
    });
  });
  return sums;
}

/** Words of `candidates` not yet in `words`, the first `limit` of them in candidate order. */
function newWords(words: readonly string[], candidates: Iterable<string>, limit: number): string[] {
  const present = new Set(words);
  const added: string[] = [];
  for (const word of candidates) {
    if (added.length >= limit) break;
    if (!present.has(word)) {
      present.add(word);
      added.push(word);
    }
  }
  return added;
}

export async function buildEncoder(
  training: readonly ReviewRecord[],
  params: Hyperparameters,
): Promise<Encoder> {
  const seen = buildVocabulary(
    training.flatMap((r) => [r.text, r.title]),
    params.min_word_docs,
    params.max_words,
  );
  const afinn = params.lexicon_prior ? afinnLexicon() : undefined;
  const vader = params.vader_prior ? vaderLexicon() : undefined;
  const vectors = params.word_vectors ? await loadWordVectors() : undefined;
  // Lexicon words and frequent English words the training texts lack still get an id, so
  // their valence and vector can score them.
  const lexiconWords = [...(afinn?.keys() ?? []), ...(vader?.keys() ?? [])].sort();
  const withLexicon = [...seen, ...newWords(seen, lexiconWords, Infinity)];
  const words = vectors
    ? [
        ...withLexicon,
        ...newWords(
          withLexicon,
          vectors.words.filter((w) => /^[a-z]{2,}$/.test(w)),
          params.word_vector_vocabulary,
        ),
      ]
    : withLexicon;
  const tokenizer = createReviewTokenizer(await materializeTokenizer(words, params.max_length), {
    maxLength: params.max_length,
    unkTokenId,
  });
  const space: FeatureSpace = {
    vocabSize: words.length + 2,
    bigramBuckets: params.bigram_buckets,
    bigramPrime: params.bigram_prime,
    ...(params.negation_scope
      ? { negation: negationScope(words, params.negation_skip_top_words, afinn) }
      : {}),
    ...(params.trigram_buckets > 0 ? { trigramBuckets: params.trigram_buckets } : {}),
    ...(params.contrast_weight > 0
      ? { contrast: contrastScope(words, params.contrast_weight) }
      : {}),
  };
  const graphFeatures = featureCount(space);
  const perWord = (value: (word: string) => number) =>
    Float64Array.from({ length: space.vocabSize }, (_, id) => (id < 2 ? 0 : value(words[id - 2]!)));
  const values = [
    ...(afinn ? [perWord((word) => afinn.get(word) ?? 0)] : []),
    ...(vader ? [perWord((word) => vader.get(word) ?? 0)] : []),
    ...(vectors
      ? Array.from({ length: vectors.dimensions }, (_, d) =>
          perWord((word) => (vectors.vector(word)?.[d] ?? 0) * params.word_vector_scale),
        )
      : []),
  ];
  const dense: DenseWordFeatures | undefined =
    values.length > 0
      ? {
          values,
          plainBase: graphFeatures,
          negatedBase: graphFeatures + values.length,
          reversed: params.lexicon_negation === 'reversed',
        }
      : undefined;
  return {
    words,
    tokenizer,
    space,
    ...(dense ? { dense } : {}),
    trainingFeatureCount: graphFeatures + 2 * values.length,
    negationFlip: params.negation_scope ? params.negation_flip : 0,
    toDoc: (text) => toSparseDoc(space, tokenizer.encode(text).ids),
    toTrainingDoc: (text) => {
      const { ids } = tokenizer.encode(text);
      return toSparseDoc(space, ids, dense && denseValues(space, dense, ids), params.negation_flip);
    },
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
  const docs = examples.map((e) => encoder.toTrainingDoc(e.text));
  const docFrequency = new Uint32Array(encoder.trainingFeatureCount);
  for (const doc of docs) for (const f of doc.indices) docFrequency[f]!++;
  const { vocabSize } = encoder.space;
  const graphFeatures = featureCount(encoder.space);
  const trigramStart = trigramBase(encoder.space);
  const trainable = Uint8Array.from(docFrequency, (count, f) =>
    f < vocabSize
      ? f === 0
        ? 0
        : 1
      : f >= graphFeatures ||
          count >= (f >= trigramStart ? params.min_trigram_docs : params.min_bigram_docs)
        ? 1
        : 0,
  );
  // The scope carries what a negation means; "not" alone mostly says "this review complains".
  if (!params.negation_trigger_weights) {
    for (const id of encoder.space.negation?.triggerIds ?? []) trainable[id] = 0;
  }
  return { docs, labels: examples.map((e) => e.label), trainable };
}

/**
 * The graph's weight table from trained weights, scoring every text exactly as the training
 * features did: a negated token's weight less γ times its plain one (the flip), then the
 * lexicon features' weights times each word's valence on its plain and negated unigrams.
 */
export function foldTrainingFeatures(encoder: Encoder, weights: Float64Array): Float64Array {
  const table = weights.slice(0, featureCount(encoder.space));
  const { dense, space, negationFlip } = encoder;
  const base = space.vocabSize + space.bigramBuckets;
  if (space.negation && negationFlip !== 0) {
    for (let id = 0; id < space.vocabSize; id++) table[base + id]! -= negationFlip * weights[id]!;
  }
  if (!dense) return table;
  dense.values.forEach((values, d) => {
    const plain = weights[dense.plainBase + d]!;
    const negated = dense.reversed ? -plain : weights[dense.negatedBase + d]!;
    for (let id = 0; id < space.vocabSize; id++) {
      const value = values[id]!;
      if (value === 0) continue;
      table[id]! += plain * value;
      if (space.negation) table[base + id]! += negated * value;
    }
  });
  return table;
}
