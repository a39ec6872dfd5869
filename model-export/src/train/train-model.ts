import type { ReviewRecord } from '../data/review-record.ts';
import { accuracy } from '../evaluate/metrics.ts';
import { fromFloat16Bits, quantizeFloat16 } from '../onnx/float16.ts';
import { buildEncoder, type Encoder, foldTrainingFeatures, trainingSet } from './encoded-corpus.ts';
import { featureCount } from './features.ts';
import { fitLogistic } from './fit-logistic.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import { type LinearModel, score, sigmoid } from './linear-model.ts';
import { naiveBayesScale, scaleDoc } from './naive-bayes-scale.ts';
import { fitTemperature } from './temperature.ts';

export interface EpochReport {
  phase: 'tune' | 'refit';
  epoch: number;
  loss: number;
  validationAccuracy?: number;
  validationTitleAccuracy?: number;
}

export interface TrainedModel {
  encoder: Encoder;
  /** Exactly what model.onnx computes: float16-rounded weights with NB scale and 1/T folded in. */
  model: LinearModel;
  /** float16 bits of `model.weights`. */
  table: Uint16Array;
  temperature: number;
  bestEpoch: number;
  validationAccuracy: number;
  validationTitleAccuracy: number;
}

interface FitOutcome {
  model: LinearModel;
  bestEpoch: number;
}

function fitScaled(
  encoder: Encoder,
  records: readonly ReviewRecord[],
  params: Hyperparameters,
  seed: number,
  epochs: number,
  onEpoch: (epoch: number, loss: number, model: LinearModel) => number | undefined,
): FitOutcome {
  const set = trainingSet(encoder, records, params);
  const scale = naiveBayesScale(set.docs, set.labels, set.trainable, params.nb_smoothing);
  // The dense word features are in nearly every text, so their NB ratio says nothing; unscaled.
  for (let f = featureCount(encoder.space); f < scale.length; f++) scale[f] = 1;
  const fold = (m: LinearModel): LinearModel => ({
    ...m,
    weights: foldTrainingFeatures(
      encoder,
      m.weights.map((w, f) => w * scale[f]!),
    ),
  });
  const fit = fitLogistic(
    set.docs.map((doc) => scaleDoc(doc, scale)),
    set.labels,
    {
      featureCount: scale.length,
      trainable: set.trainable,
      alpha: params.alpha,
      epochs,
      learningRate: params.learning_rate,
      l2: params.l2,
      seed,
      patience: params.patience,
      onEpoch: (epoch, loss, m) => onEpoch(epoch, loss, fold(m)),
    },
  );
  return { model: fold(fit.model), bestEpoch: fit.bestEpoch };
}

function meanModel(models: readonly LinearModel[]): LinearModel {
  if (models.length === 1) return models[0]!;
  const weights = new Float64Array(models[0]!.weights.length);
  for (const m of models) for (let f = 0; f < weights.length; f++) weights[f]! += m.weights[f]!;
  return {
    weights: weights.map((w) => w / models.length),
    bias: models.reduce((sum, m) => sum + m.bias, 0) / models.length,
    alpha: models[0]!.alpha,
  };
}

/**
 * Tunes the epoch count (early stopping) and the temperature on validation, then, when
 * `refit_on_validation`, retrains on train + validation for that many epochs with a new
 * vocabulary; the temperature carries over.
 */
export async function trainModel(
  records: readonly ReviewRecord[],
  params: Hyperparameters,
  seed: number,
  report: (epoch: EpochReport) => void,
): Promise<TrainedModel> {
  const train = records.filter((r) => r.split === 'train');
  const validation = records.filter((r) => r.split === 'validation');
  if (train.length === 0 || validation.length === 0) {
    throw new Error(
      `training needs train and validation records; got ${train.length} and ${validation.length}`,
    );
  }
  const tuneEncoder = await buildEncoder(train, params);
  const valDocs = validation.map((r) => tuneEncoder.toDoc(r.text));
  const valTitleDocs = validation.map((r) => tuneEncoder.toDoc(r.title));
  const valLabels = validation.map((r) => r.label);
  const probabilities = (model: LinearModel, docs: typeof valDocs) =>
    docs.map((d) => sigmoid(score(model, d)));
  // Fits that differ only in their shuffling seed disagree on rare features; their mean is
  // still one linear model (the graph's), with less of that variance.
  const seeds = Array.from({ length: params.ensemble_size }, (_, k) => seed + k);
  const fits = seeds.map((member) =>
    fitScaled(tuneEncoder, train, params, member, params.max_epochs, (epoch, loss, model) => {
      const validationAccuracy = accuracy(probabilities(model, valDocs), valLabels);
      const validationTitleAccuracy = accuracy(probabilities(model, valTitleDocs), valLabels);
      report({ phase: 'tune', epoch, loss, validationAccuracy, validationTitleAccuracy });
      return validationAccuracy + params.title_weight * validationTitleAccuracy;
    }),
  );
  const tuned = { model: meanModel(fits.map((f) => f.model)), bestEpoch: fits[0]!.bestEpoch };
  const temperature = fitTemperature(
    valDocs.map((d) => score(tuned.model, d)),
    valLabels,
  );
  const validationAccuracy = accuracy(probabilities(tuned.model, valDocs), valLabels);
  const validationTitleAccuracy = accuracy(probabilities(tuned.model, valTitleDocs), valLabels);

  let encoder = tuneEncoder;
  let model = tuned.model;
  if (params.refit_on_validation) {
    const all = [...train, ...validation];
    encoder = await buildEncoder(all, params);
    model = meanModel(
      fits.map(
        (fit, k) =>
          fitScaled(encoder, all, params, seeds[k]!, fit.bestEpoch, (epoch, loss) => {
            report({ phase: 'refit', epoch, loss });
            return undefined;
          }).model,
      ),
    );
  }
  const table = quantizeFloat16(model.weights.map((w) => w / temperature));
  return {
    encoder,
    model: {
      weights: Float64Array.from(table, fromFloat16Bits),
      bias: Math.fround(model.bias / temperature),
      alpha: Math.fround(params.alpha),
    },
    table,
    temperature,
    bestEpoch: tuned.bestEpoch,
    validationAccuracy,
    validationTitleAccuracy,
  };
}
