import { type CaveatCounts, caveatCodes } from '@polarity/core/contracts';

/**
 * What one (model version, minute of prediction time) bucket holds. Sums, never means, so
 * buckets add up to any window exactly.
 */
export interface BucketCounts {
  predictions: number;
  predictedPositive: number;
  /** sum over predictions of max(p_negative, p_positive) */
  confidenceSum: number;
  feedback: number;
  /** confidenceSum over predictions that have feedback */
  confidenceSumWithFeedback: number;
  /** `actual_predicted`: feedback label, then predicted label */
  negativeNegative: number;
  negativePositive: number;
  positiveNegative: number;
  positivePositive: number;
  /** predictions per caveat code */
  caveated: CaveatCounts;
  /** per bin of the version's training histogram; empty without a training profile */
  textLengthBins: number[];
  unknownTokenRateBins: number[];
}

const noCaveats = (): CaveatCounts =>
  Object.fromEntries(caveatCodes.map((code) => [code, 0])) as CaveatCounts;

export function emptyCounts(textLengthBins: number, unknownTokenRateBins: number): BucketCounts {
  return {
    predictions: 0,
    predictedPositive: 0,
    confidenceSum: 0,
    feedback: 0,
    confidenceSumWithFeedback: 0,
    negativeNegative: 0,
    negativePositive: 0,
    positiveNegative: 0,
    positivePositive: 0,
    caveated: noCaveats(),
    textLengthBins: new Array<number>(textLengthBins).fill(0),
    unknownTokenRateBins: new Array<number>(unknownTokenRateBins).fill(0),
  };
}

const scalarKeys = [
  'predictions',
  'predictedPositive',
  'confidenceSum',
  'feedback',
  'confidenceSumWithFeedback',
  'negativeNegative',
  'negativePositive',
  'positiveNegative',
  'positivePositive',
] as const;

/** Adds `from` into `into` (mutates `into`). */
export function addCounts(into: BucketCounts, from: BucketCounts): void {
  for (const key of scalarKeys) into[key] += from[key];
  for (const code of caveatCodes) into.caveated[code] += from.caveated[code];
  from.textLengthBins.forEach((count, bin) => {
    into.textLengthBins[bin] = (into.textLengthBins[bin] ?? 0) + count;
  });
  from.unknownTokenRateBins.forEach((count, bin) => {
    into.unknownTokenRateBins[bin] = (into.unknownTokenRateBins[bin] ?? 0) + count;
  });
}
