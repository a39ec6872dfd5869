/** Binary classification metrics from P(positive) and 0/1 labels. */

export interface ConfusionMatrix {
  /** rows = true label, columns = predicted label, index 0 = negative, 1 = positive. */
  counts: [[number, number], [number, number]];
}

export function accuracy(probabilities: readonly number[], labels: readonly number[]): number {
  let correct = 0;
  probabilities.forEach((p, i) => {
    if ((p >= 0.5 ? 1 : 0) === labels[i]) correct++;
  });
  return correct / Math.max(labels.length, 1);
}

export function confusionMatrix(
  probabilities: readonly number[],
  labels: readonly number[],
): ConfusionMatrix {
  const counts: [[number, number], [number, number]] = [
    [0, 0],
    [0, 0],
  ];
  probabilities.forEach((p, i) => {
    counts[labels[i] === 1 ? 1 : 0][p >= 0.5 ? 1 : 0]++;
  });
  return { counts };
}

export function macroF1({ counts }: ConfusionMatrix): number {
  const f1 = (cls: 0 | 1) => {
    const tp = counts[cls][cls];
    const fp = counts[1 - cls]![cls];
    const fn = counts[cls][1 - cls]!;
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  };
  return (f1(0) + f1(1)) / 2;
}

export interface ReliabilityBin {
  /** Lower edge of the confidence bin; bins are [lower, lower + 1/bins). */
  lower: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

/** Bins on the confidence of the predicted class (0.5–1), as reliability diagrams do. */
export function reliabilityBins(
  probabilities: readonly number[],
  labels: readonly number[],
  bins = 10,
): ReliabilityBin[] {
  const sums = Array.from({ length: bins }, () => ({ count: 0, confidence: 0, correct: 0 }));
  probabilities.forEach((p, i) => {
    const predicted = p >= 0.5 ? 1 : 0;
    const confidence = predicted === 1 ? p : 1 - p;
    const bin = sums[Math.min(bins - 1, Math.floor(confidence * bins))]!;
    bin.count++;
    bin.confidence += confidence;
    if (predicted === labels[i]) bin.correct++;
  });
  return sums.map((bin, index) => ({
    lower: index / bins,
    count: bin.count,
    meanConfidence: bin.count === 0 ? 0 : bin.confidence / bin.count,
    accuracy: bin.count === 0 ? 0 : bin.correct / bin.count,
  }));
}

/** Expected calibration error over equal-width confidence bins. */
export function expectedCalibrationError(
  probabilities: readonly number[],
  labels: readonly number[],
  bins = 10,
): number {
  const total = Math.max(labels.length, 1);
  return reliabilityBins(probabilities, labels, bins).reduce(
    (sum, bin) => sum + (bin.count / total) * Math.abs(bin.accuracy - bin.meanConfidence),
    0,
  );
}
