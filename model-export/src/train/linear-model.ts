import { lengthScale, type SparseDoc } from './features.ts';

/** Weights over the feature table plus a bias; the score is logit(positive) - logit(negative). */
export interface LinearModel {
  weights: Float64Array;
  bias: number;
  alpha: number;
}

export function score(model: LinearModel, doc: SparseDoc): number {
  let sum = 0;
  for (let k = 0; k < doc.indices.length; k++)
    sum += model.weights[doc.indices[k]!]! * doc.counts[k]!;
  return sum * lengthScale(doc.length, model.alpha) + model.bias;
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
