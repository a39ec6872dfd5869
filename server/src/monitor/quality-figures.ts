import type { TrainingProfile, VersionQuality } from '@polarity/core/contracts';
import type { BucketCounts } from './bucket-counts.ts';
import { populationStabilityIndex } from './population-stability.ts';

export type QualityFigures = Omit<VersionQuality, 'model' | 'version' | 'aliases'>;

const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;

/** F1 as 2·TP / (2·TP + FP + FN): 0 when a class is never right, null when it never occurs at all. */
const f1 = (truePositive: number, falsePositive: number, falseNegative: number) =>
  ratio(2 * truePositive, 2 * truePositive + falsePositive + falseNegative);

/** Macro-F1 averages over the classes that occur (in feedback or predictions), as scikit-learn does. */
function macro(values: (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0
    ? null
    : present.reduce((sum, value) => sum + value, 0) / present.length;
}

/** Every figure of one version over one window, from the summed buckets of that window. */
export function qualityFigures(
  counts: BucketCounts,
  profile: TrainingProfile | undefined,
): QualityFigures {
  const {
    negativeNegative: nn,
    negativePositive: np,
    positiveNegative: pn,
    positivePositive: pp,
  } = counts;
  const positiveF1 = f1(pp, np, pn);
  const negativeF1 = f1(nn, pn, np);
  const positiveRate = ratio(counts.predictedPositive, counts.predictions);
  // The model's own positive rate on held-out data is the like-for-like baseline for predicted
  // positives; `positive_rate` is the share of positive labels, which a biased model never matches.
  const baseline = profile?.expected_positive_rate ?? null;
  return {
    predictions: counts.predictions,
    feedback: counts.feedback,
    feedback_coverage: ratio(counts.feedback, counts.predictions),
    accuracy: ratio(nn + pp, counts.feedback),
    f1_macro: counts.feedback === 0 ? null : macro([negativeF1, positiveF1]),
    classes: {
      negative: { precision: ratio(nn, nn + pn), recall: ratio(nn, nn + np), f1: negativeF1 },
      positive: { precision: ratio(pp, pp + np), recall: ratio(pp, pp + pn), f1: positiveF1 },
    },
    confusion: {
      negative_negative: nn,
      negative_positive: np,
      positive_negative: pn,
      positive_positive: pp,
    },
    caveated: { ...counts.caveated },
    estimated_accuracy: ratio(counts.confidenceSum, counts.predictions),
    estimated_accuracy_with_feedback: ratio(counts.confidenceSumWithFeedback, counts.feedback),
    positive_rate: positiveRate,
    baseline_positive_rate: baseline,
    prediction_drift_ratio: positiveRate === null || !baseline ? null : positiveRate / baseline,
    input_drift_psi: {
      text_length: profile
        ? populationStabilityIndex(counts.textLengthBins, profile.text_length_chars.counts)
        : null,
      unknown_token_rate: profile
        ? populationStabilityIndex(counts.unknownTokenRateBins, profile.unknown_token_rate.counts)
        : null,
    },
  };
}
