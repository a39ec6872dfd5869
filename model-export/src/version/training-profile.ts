import type { Histogram, TrainingProfile } from '@polarity/core/inference';
import type { ReviewRecord } from '../data/review-record.ts';
import type { Encoder } from '../train/encoded-corpus.ts';

/** Bin edges in characters; roughly log-spaced over review lengths seen in practice. */
const textLengthEdges = [0, 50, 100, 200, 400, 800, 1600, 3200, 6400];
/** Bin edges of the share of [UNK] tokens in a text. */
const unknownRateEdges = [0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5];

function histogram(values: readonly number[], edges: readonly number[]): Histogram {
  const counts = edges.map(() => 0);
  for (const value of values) {
    let bin = 0;
    while (bin + 1 < edges.length && value >= edges[bin + 1]!) bin++;
    counts[bin]!++;
  }
  return { edges: [...edges], counts };
}

export function trainingProfile(
  training: readonly ReviewRecord[],
  encoder: Encoder,
  validationPositiveProbabilities: readonly number[],
): TrainingProfile {
  const unknownRates = training.map((r) => {
    const encoded = encoder.tokenizer.encode(r.text);
    return encoded.ids.length === 0 ? 0 : encoded.unknownCount / encoded.ids.length;
  });
  return {
    positive_rate: training.filter((r) => r.label === 1).length / Math.max(training.length, 1),
    text_length_chars: histogram(
      training.map((r) => r.text.length),
      textLengthEdges,
    ),
    unknown_token_rate: histogram(unknownRates, unknownRateEdges),
    expected_positive_rate:
      validationPositiveProbabilities.filter((p) => p >= 0.5).length /
      Math.max(validationPositiveProbabilities.length, 1),
  };
}
