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
  toSparseDoc,
  trigramBase,
} from './features.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { afinnLexicon } from './lexicon-prior.ts';
import { negationScope } from './negation-scope.ts';

/**
 * Valence per token id, and the training-only features that carry it: index `plainIndex`
 * sums the valence of the tokens outside negation scopes, `negatedIndex` of those inside.
 * Their learned weights are folded into the unigram tables at export, so the graph never
 * sees them.
 */
interface LexiconFeatures {
  valence: Float64Array;
  plainIndex: number;
  negatedIndex: number;
  /** Negated words count their valence reversed on the plain feature, not on a feature of their own. */
  reversed: boolean;
}

/** A vocabulary, the tokenizer built from it, and the feature space over its ids. */
export interface Encoder {
  words: string[];
  tokenizer: ReviewTokenizer;
  space: FeatureSpace;
  lexicon?: LexiconFeatures;
  /** Feature count while training: the graph's table plus the lexicon features. */
  trainingFeatureCount: number;
  /** γ of `toSparseDoc`'s negation flip in training documents. */
  negationFlip: number;
  /** The features the graph scores. */
  toDoc(text: string): SparseDoc;
  /** The same plus the lexicon features. */
  toTrainingDoc(text: string): SparseDoc;
}

function lexiconValues(
  space: FeatureSpace,
  lexicon: LexiconFeatures,
  ids: readonly number[],
): Map<number, number> {
  const negated = space.negation ? negatedTokens(space.negation, ids) : undefined;
  const sums = new Map<number, number>();
  ids.forEach((id, t) => {
    const valence = lexicon.valence[id]!;
    if (valence === 0) return;
    const inScope = negated?.[t] === 1;
    // Reversed: one weight for all valence, a negated word's counted with its sign flipped.
    const index = inScope && !lexicon.reversed ? lexicon.negatedIndex : lexicon.plainIndex;
    sums.set(index, (sums.get(index) ?? 0) + (inScope && lexicon.reversed ? -valence : valence));
  });
  return sums;
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
  // Lexicon words the training texts lack still get an id, so their prior can score them.
  const seenSet = new Set(seen);
  const words = afinn
    ? [...seen, ...[...afinn.keys()].filter((w) => !seenSet.has(w)).sort()]
    : seen;
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
  };
  const graphFeatures = featureCount(space);
  const lexicon: LexiconFeatures | undefined = afinn && {
    valence: Float64Array.from({ length: space.vocabSize }, (_, id) =>
      id < 2 ? 0 : (afinn.get(words[id - 2]!) ?? 0),
    ),
    plainIndex: graphFeatures,
    negatedIndex: graphFeatures + 1,
    reversed: params.lexicon_negation === 'reversed',
  };
  return {
    words,
    tokenizer,
    space,
    ...(lexicon ? { lexicon } : {}),
    trainingFeatureCount: graphFeatures + (lexicon ? 2 : 0),
    negationFlip: params.negation_scope ? params.negation_flip : 0,
    toDoc: (text) => toSparseDoc(space, tokenizer.encode(text).ids),
    toTrainingDoc: (text) => {
      const { ids } = tokenizer.encode(text);
      return toSparseDoc(
        space,
        ids,
        lexicon && lexiconValues(space, lexicon, ids),
        params.negation_flip,
      );
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
  const { lexicon, space, negationFlip } = encoder;
  const base = space.vocabSize + space.bigramBuckets;
  if (space.negation && negationFlip !== 0) {
    for (let id = 0; id < space.vocabSize; id++) table[base + id]! -= negationFlip * weights[id]!;
  }
  if (!lexicon) return table;
  const plain = weights[lexicon.plainIndex]!;
  const negated = weights[lexicon.negatedIndex]!;
  for (let id = 0; id < space.vocabSize; id++) {
    const valence = lexicon.valence[id]!;
    if (valence === 0) continue;
    table[id]! += plain * valence;
    if (space.negation) table[base + id]! += (lexicon.reversed ? -plain : negated) * valence;
  }
  return table;
}
