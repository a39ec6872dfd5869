/**
 * The feature map the ONNX graph computes, in plain numbers: each token's unigram weight
 * `table[id]` plus each adjacent pair's hashed bigram weight `table[V + (prev * P + id) mod H]`.
 * With a negation scope, a token inside one reads its unigram weight from a second table,
 * `table[V + H + id]`. Any change here must change `onnx/scoring-graph.ts` with it.
 */
export interface FeatureSpace {
  /** Vocabulary size including [PAD] and [UNK]; bigram buckets start here. */
  vocabSize: number;
  bigramBuckets: number;
  /** Multiplier of the previous id in the bigram hash (a prime well above the vocabulary). */
  bigramPrime: number;
  negation?: NegationScope;
  /** Hashed word trigrams, in a region of their own after the unigram tables; absent = none. */
  trigramBuckets?: number;
  contrast?: ContrastScope;
}

/**
 * In "X, but Y" the verdict is mostly Y's: every token after a contrast word ("but",
 * "however"), up to the end of its sentence, counts `1 + weight` times.
 */
export interface ContrastScope {
  triggerIds: readonly number[];
  boundaryIds: readonly number[];
  weight: number;
}

/**
 * Das & Chen (2001), Pang et al. (2002): the words after a negation ("not", "never", the `t`
 * of "n't"…) up to the next clause boundary (punctuation, "but"…) are negated, so "not good"
 * and "good" are different features. Both lists are token ids of the version's vocabulary.
 */
export interface NegationScope {
  triggerIds: readonly number[];
  boundaryIds: readonly number[];
  /** Only these words change table inside a scope; absent: every word does. */
  negatableIds?: readonly number[];
}

function bigramIndex(space: FeatureSpace, prev: number, id: number): number {
  return space.vocabSize + ((prev * space.bigramPrime + id) % space.bigramBuckets);
}

/** Where the negated-unigram table starts (only meaningful with a negation scope). */
function negatedBase(space: FeatureSpace): number {
  return space.vocabSize + space.bigramBuckets;
}

/** Where the trigram buckets start. */
export function trigramBase(space: FeatureSpace): number {
  return negatedBase(space) + (space.negation ? space.vocabSize : 0);
}

/** `base + ((a * P + b) mod H * P + c) mod H`: every product stays below 2^53 (and int64). */
function trigramIndex(space: FeatureSpace, a: number, b: number, c: number): number {
  const buckets = space.trigramBuckets!;
  const prime = space.bigramPrime;
  return trigramBase(space) + ((((a * prime + b) % buckets) * prime + c) % buckets);
}

export function featureCount(space: FeatureSpace): number {
  return trigramBase(space) + (space.trigramBuckets ?? 0);
}

/**
 * 1 where a (negatable) token is in a negation's scope: after a trigger, before the next
 * boundary. A boundary token itself is never negated; a trigger is when an earlier one is
 * still open.
 */
export function negatedTokens(negation: NegationScope, ids: readonly number[]): Uint8Array {
  const negatable = negation.negatableIds && new Set(negation.negatableIds);
  const scope = scopeMask(negation.triggerIds, negation.boundaryIds, ids);
  return scope.map((open, t) => (open && (negatable?.has(ids[t]!) ?? true) ? 1 : 0));
}

/** 1 after a trigger and before the next boundary; the trigger itself is outside. */
function scopeMask(
  triggerIds: readonly number[],
  boundaryIds: readonly number[],
  ids: readonly number[],
): Uint8Array {
  const triggers = new Set(triggerIds);
  const boundaries = new Set(boundaryIds);
  const mask = new Uint8Array(ids.length);
  let open = false;
  ids.forEach((id, t) => {
    if (boundaries.has(id)) open = false;
    mask[t] = open ? 1 : 0;
    if (triggers.has(id)) open = true;
  });
  return mask;
}

/** How many times each token counts: `1 + weight` inside a contrast scope, else 1. */
export function tokenWeights(space: FeatureSpace, ids: readonly number[]): Float64Array {
  const weights = new Float64Array(ids.length).fill(1);
  const { contrast } = space;
  if (!contrast) return weights;
  const scope = scopeMask(contrast.triggerIds, contrast.boundaryIds, ids);
  scope.forEach((open, t) => {
    if (open) weights[t] = 1 + contrast.weight;
  });
  return weights;
}

/** The unigram feature index of each token: its id, or its slot in the negated table. */
function unigramIndices(space: FeatureSpace, ids: readonly number[]): number[] {
  if (!space.negation) return [...ids];
  const negated = negatedTokens(space.negation, ids);
  const base = negatedBase(space);
  return ids.map((id, t) => (negated[t] === 1 ? base + id : id));
}

/** A text as sparse feature counts, before length normalisation. */
export interface SparseDoc {
  indices: Int32Array;
  counts: Float64Array;
  /** Number of tokens, the `n` of the `n^-alpha` normalisation. */
  length: number;
}

/**
 * `extra` adds dense features (index → value) that the graph folds into the table; with
 * `negationFlip` γ, a negated token also counts −γ of its plain unigram, so its weight starts
 * as the plain one reversed (folded into the negated table at export).
 */
export function toSparseDoc(
  space: FeatureSpace,
  ids: readonly number[],
  extra?: ReadonlyMap<number, number>,
  negationFlip = 0,
): SparseDoc {
  const counts = new Map<number, number>();
  const add = (index: number, value: number) => counts.set(index, (counts.get(index) ?? 0) + value);
  const unigrams = unigramIndices(space, ids);
  // An n-gram's weight is shared equally by its tokens, so it counts their mean token weight.
  const w = tokenWeights(space, ids);
  ids.forEach((id, t) => {
    add(unigrams[t]!, w[t]!);
    if (negationFlip !== 0 && unigrams[t] !== id) add(id, -negationFlip * w[t]!);
    if (t > 0) add(bigramIndex(space, ids[t - 1]!, id), (w[t - 1]! + w[t]!) / 2);
    if (t > 1 && space.trigramBuckets)
      add(trigramIndex(space, ids[t - 2]!, ids[t - 1]!, id), (w[t - 2]! + w[t - 1]! + w[t]!) / 3);
  });
  for (const [index, value] of extra ?? []) add(index, value);
  const indices = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
  return {
    indices,
    counts: Float64Array.from(indices, (index) => counts.get(index)!),
    length: ids.length,
  };
}

/** Length normalisation `max(n, 1)^-alpha`: alpha 0 sums, alpha 1 averages. */
export function lengthScale(length: number, alpha: number): number {
  return Math.max(length, 1) ** -alpha;
}
