import { wordSpans } from '@polarity/core/inference';
import Sentiment from 'sentiment';
import type { ReviewRecord } from '../data/review-record.ts';
import type { SparseDoc } from '../train/features.ts';
import { fitLogistic } from '../train/fit-logistic.ts';
import { score, sigmoid } from '../train/linear-model.ts';

/** P(positive) for a text; baselines and the model are compared through this. */
export type Scorer = (text: string) => number;

/** AFINN-165 word list (`sentiment` package): positive when the summed valence is > 0. */
export function afinnBaseline(): Scorer {
  const sentiment = new Sentiment();
  return (text) => (sentiment.analyze(text).score > 0 ? 1 : 0);
}

function ngrams(text: string): string[] {
  const words = wordSpans(text).map((span) => span.word);
  return [...words, ...words.slice(1).map((word, i) => `${words[i]} ${word}`)];
}

/**
 * TF-IDF over word 1–2-grams (df ≥ 2, smooth idf, L2-normalised, as sklearn's defaults) and a
 * logistic regression, trained on the train split's reviews only.
 */
export function tfidfLogisticBaseline(records: readonly ReviewRecord[], seed: number): Scorer {
  const train = records.filter((r) => r.split === 'train');
  const tokenized = train.map((r) => ngrams(r.text));
  const docFrequency = new Map<string, number>();
  for (const grams of tokenized)
    for (const g of new Set(grams)) docFrequency.set(g, (docFrequency.get(g) ?? 0) + 1);
  const index = new Map<string, number>();
  const idf: number[] = [];
  for (const [gram, df] of docFrequency) {
    if (df < 2) continue;
    index.set(gram, idf.length);
    idf.push(Math.log((1 + train.length) / (1 + df)) + 1);
  }
  const vectorize = (grams: string[]): SparseDoc => {
    const counts = new Map<number, number>();
    for (const g of grams) {
      const f = index.get(g);
      if (f !== undefined) counts.set(f, (counts.get(f) ?? 0) + 1);
    }
    const indices = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
    const values = Float64Array.from(indices, (f) => counts.get(f)! * idf[f]!);
    const norm = Math.hypot(...values) || 1;
    return { indices, counts: values.map((v) => v / norm), length: 1 };
  };
  const fit = fitLogistic(
    tokenized.map(vectorize),
    train.map((r) => r.label),
    {
      featureCount: idf.length,
      trainable: new Uint8Array(idf.length).fill(1),
      alpha: 0,
      epochs: 10,
      learningRate: 0.5,
      l2: 1e-5,
      seed,
      patience: 10,
    },
  );
  return (text) => sigmoid(score(fit.model, vectorize(ngrams(text))));
}
