import type { SparseDoc } from './features.ts';

/**
 * |log-count ratio| per feature (Wang & Manning 2012, NBSVM): features that separate the
 * classes get proportionally larger steps; the sign is left to the classifier. Untrainable
 * features get 0.
 */
export function naiveBayesScale(
  docs: readonly SparseDoc[],
  labels: readonly number[],
  trainable: Uint8Array,
  smoothing: number,
): Float64Array {
  const positive = new Float64Array(trainable.length);
  const negative = new Float64Array(trainable.length);
  docs.forEach((doc, i) => {
    const counts = labels[i] === 1 ? positive : negative;
    for (const f of doc.indices) counts[f]! += 1;
  });
  let positiveTotal = 0;
  let negativeTotal = 0;
  for (let f = 0; f < trainable.length; f++) {
    if (trainable[f] === 0) continue;
    positiveTotal += positive[f]! + smoothing;
    negativeTotal += negative[f]! + smoothing;
  }
  return Float64Array.from(trainable, (isTrainable, f) =>
    isTrainable === 0
      ? 0
      : Math.abs(
          Math.log((positive[f]! + smoothing) / positiveTotal) -
            Math.log((negative[f]! + smoothing) / negativeTotal),
        ),
  );
}

export function scaleDoc(doc: SparseDoc, scale: Float64Array): SparseDoc {
  return { ...doc, counts: doc.counts.map((count, k) => count * scale[doc.indices[k]!]!) };
}
