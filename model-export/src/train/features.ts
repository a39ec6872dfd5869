/**
 * The feature map the ONNX graph computes, in plain numbers: each token's unigram weight
 * `table[id]` plus each adjacent pair's hashed bigram weight `table[V + (prev * P + id) mod H]`.
 * Any change here must change `onnx/scoring-graph.ts` with it.
 */
export interface FeatureSpace {
  /** Vocabulary size including [PAD] and [UNK]; bigram buckets start here. */
  vocabSize: number;
  bigramBuckets: number;
  /** Multiplier of the previous id in the bigram hash (a prime well above the vocabulary). */
  bigramPrime: number;
}

export function bigramIndex(space: FeatureSpace, prev: number, id: number): number {
  return space.vocabSize + ((prev * space.bigramPrime + id) % space.bigramBuckets);
}

export function featureCount(space: FeatureSpace): number {
  return space.vocabSize + space.bigramBuckets;
}

/** A text as sparse feature counts, before length normalisation. */
export interface SparseDoc {
  indices: Int32Array;
  counts: Float64Array;
  /** Number of tokens, the `n` of the `n^-alpha` normalisation. */
  length: number;
}

export function toSparseDoc(space: FeatureSpace, ids: readonly number[]): SparseDoc {
  const counts = new Map<number, number>();
  const add = (index: number) => counts.set(index, (counts.get(index) ?? 0) + 1);
  ids.forEach((id, t) => {
    add(id);
    if (t > 0) add(bigramIndex(space, ids[t - 1]!, id));
  });
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
