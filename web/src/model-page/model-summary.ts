import type { ModelVersionMetadata } from '@polarity/core/contracts';
import { percent } from '../shared/percent.ts';
import { kindName, type ModelConfig } from './model-figures.ts';

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** What the model reads, from the features its hyperparameters switch on. */
function reads(config: ModelConfig): string {
  const keys = Object.keys(config.hyperparameters ?? {});
  const grams = ['its words'];
  if (keys.some((key) => key.startsWith('bigram'))) grams.push('pairs of neighbouring words');
  if (keys.some((key) => key.startsWith('trigram'))) grams.push('runs of three');
  const limit = config.max_length
    ? `, up to about ${config.max_length.toLocaleString()} words`
    : '';
  return `It reads an English product review — ${list(grams)}${limit} — and says whether the review is positive or negative.`;
}

/**
 * The Model page's opening paragraph, written from the version's own figures: what it reads,
 * how often it is right on reviews it never saw, per product kind, where it is weak, its size
 * and its date. A figure the version lacks leaves its sentence out rather than guessing.
 */
export function describeModel(metadata: ModelVersionMetadata, config: ModelConfig | null): string {
  const metrics = config?.metrics ?? {};
  const sentences = [
    config ? reads(config) : 'It says whether a product review is positive or negative.',
  ];
  const accuracy = metrics.test_accuracy ?? metadata.metrics.test_accuracy;
  const matrix = metrics.confusion_matrix;
  const heldOut = matrix ? matrix.flat().reduce((sum, n) => sum + n, 0) : null;
  if (accuracy !== undefined) {
    const kinds = Object.entries(metrics.per_domain_accuracy ?? {}).sort((a, b) => b[1] - a[1]);
    const perKind =
      kinds.length > 0
        ? `: ${list(kinds.map(([kind, share]) => `${percent(share)} for ${kindName(kind)}`))}`
        : '';
    sentences.push(
      `On ${heldOut ? `${heldOut.toLocaleString()} ` : ''}held-out reviews it never saw while learning, it is right ${percent(accuracy)} of the time${perKind}.`,
    );
  }
  const titleOnly = metrics.test_title_only_accuracy ?? metadata.metrics.test_title_only_accuracy;
  const weak = [
    titleOnly !== undefined
      ? `short texts (reading only a review's title it is right ${percent(titleOnly)} of the time)`
      : 'short texts',
    'reviews not in English, which it was never taught',
  ];
  sentences.push(`It is weaker on ${list(weak)}.`);
  const onnx = metadata.files.find((file) => file.name === 'model.onnx');
  const total = metadata.files.reduce((sum, file) => sum + file.size, 0);
  const created = new Date(config?.created_at ?? metadata.created_at);
  const records = config?.training_data?.records;
  sentences.push(
    `The model is ${megabytes(onnx?.size ?? total)}${onnx ? ` (${megabytes(total)} with its vocabulary)` : ''}, learnt from ${records ? `${records.toLocaleString()} ` : ''}labelled reviews on ${created.toLocaleDateString([], { day: 'numeric', month: 'long', year: 'numeric' })}, small enough to run in your browser.`,
  );
  return sentences.join(' ');
}
