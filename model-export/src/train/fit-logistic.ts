import { lengthScale, type SparseDoc } from './features.ts';
import { type LinearModel, score, sigmoid } from './linear-model.ts';
import { seededRandom, shuffleInPlace } from './random.ts';

export interface FitOptions {
  featureCount: number;
  /** Features allowed a non-zero weight; the rest stay exactly 0 so the table compresses. */
  trainable: Uint8Array;
  alpha: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Called after each epoch with the model so far; returning a number enables early stopping. */
  onEpoch?: (epoch: number, loss: number, model: LinearModel) => number | undefined;
  patience: number;
}

export interface FitResult {
  model: LinearModel;
  bestEpoch: number;
}

/**
 * Logistic regression by per-example AdaGrad with lazy L2 on the touched weights; keeps the
 * weights of the epoch with the best `onEpoch` value (validation accuracy).
 */
export function fitLogistic(
  docs: readonly SparseDoc[],
  labels: readonly number[],
  options: FitOptions,
): FitResult {
  const { featureCount, trainable, alpha, learningRate, l2 } = options;
  const model: LinearModel = { weights: new Float64Array(featureCount), bias: 0, alpha };
  const gradSq = new Float64Array(featureCount).fill(1e-8);
  let biasGradSq = 1e-8;
  const order = docs.map((_, i) => i);
  const random = seededRandom(options.seed);
  let best: FitResult = { model: cloneModel(model), bestEpoch: 0 };
  let bestValue = Number.NEGATIVE_INFINITY;
  let sinceBest = 0;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    shuffleInPlace(order, random);
    let loss = 0;
    for (const i of order) {
      const doc = docs[i]!;
      const y = labels[i]!;
      const z = score(model, doc);
      const p = sigmoid(z);
      loss += y === 1 ? -Math.log(Math.max(p, 1e-15)) : -Math.log(Math.max(1 - p, 1e-15));
      const g = p - y;
      const scale = lengthScale(doc.length, alpha);
      for (let k = 0; k < doc.indices.length; k++) {
        const f = doc.indices[k]!;
        if (trainable[f] === 0) continue;
        const grad = g * doc.counts[k]! * scale + l2 * model.weights[f]!;
        gradSq[f]! += grad * grad;
        model.weights[f]! -= (learningRate * grad) / Math.sqrt(gradSq[f]!);
      }
      biasGradSq += g * g;
      model.bias -= (learningRate * g) / Math.sqrt(biasGradSq);
    }
    const value = options.onEpoch?.(epoch, loss / docs.length, model);
    if (value === undefined) {
      best = { model: cloneModel(model), bestEpoch: epoch };
      continue;
    }
    if (value > bestValue) {
      bestValue = value;
      best = { model: cloneModel(model), bestEpoch: epoch };
      sinceBest = 0;
    } else if (++sinceBest >= options.patience) break;
  }
  return best;
}

function cloneModel(model: LinearModel): LinearModel {
  return { weights: Float64Array.from(model.weights), bias: model.bias, alpha: model.alpha };
}
