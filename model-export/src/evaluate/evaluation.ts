import type { ReviewRecord } from '../data/review-record.ts';
import type { Scorer } from './baselines.ts';
import {
  accuracy,
  type ConfusionMatrix,
  confusionMatrix,
  expectedCalibrationError,
  macroF1,
  type ReliabilityBin,
  reliabilityBins,
} from './metrics.ts';

export interface Evaluation {
  accuracy: number;
  macroF1: number;
  titleOnlyAccuracy: number;
  ece: number;
  titleOnlyEce: number;
  confusion: ConfusionMatrix;
  reliability: ReliabilityBin[];
  perDomain: Record<string, number>;
}

/** Scores reviews and their titles alone; ECE over 10 bins. */
export function evaluate(scorer: Scorer, records: readonly ReviewRecord[]): Evaluation {
  const labels = records.map((r) => r.label);
  const probabilities = records.map((r) => scorer(r.text));
  const titles = records.map((r) => scorer(r.title));
  const perDomain: Record<string, number> = {};
  for (const domain of [...new Set(records.map((r) => r.domain))].sort()) {
    const at = records.flatMap((r, i) => (r.domain === domain ? [i] : []));
    perDomain[domain] = accuracy(
      at.map((i) => probabilities[i]!),
      at.map((i) => labels[i]!),
    );
  }
  const confusion = confusionMatrix(probabilities, labels);
  return {
    accuracy: accuracy(probabilities, labels),
    macroF1: macroF1(confusion),
    titleOnlyAccuracy: accuracy(titles, labels),
    ece: expectedCalibrationError(probabilities, labels),
    titleOnlyEce: expectedCalibrationError(titles, labels),
    confusion,
    reliability: reliabilityBins(probabilities, labels),
    perDomain,
  };
}
