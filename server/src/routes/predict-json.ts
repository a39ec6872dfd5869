import type { PredictionResult, PredictResponse } from '@polarity/core/contracts';
import type { ExplanationJson } from '../models/explanation-json.ts';

/** A result whose explanation was written as JSON where it was scored (explanation-json.ts). */
export type ServedResult = Omit<PredictionResult, 'explanation'> & { explanation: ExplanationJson };

/**
 * One result as `JSON.stringify` writes it: `explanation` as it was written, every other field (a
 * few scalars and small objects) by JSON.stringify, in the object's own key order, so a field
 * added to the contract is written as JSON.stringify would write it without a change here.
 */
function resultJson(result: ServedResult): string {
  let json = '{';
  for (const key in result) {
    const value = result[key as keyof ServedResult];
    // JSON.stringify leaves out undefined properties.
    if (value === undefined) continue;
    if (json.length > 1) json += ',';
    json += `${JSON.stringify(key)}:${key === 'explanation' ? value : JSON.stringify(value)}`;
  }
  return `${json}}`;
}

/**
 * The body of a 200 from /api/predict: `JSON.stringify({ explain, predictions })` byte for byte,
 * the explanations as written. Left a string: Node writes the headers and a string body in one
 * socket write, and encoding it to bytes here first (TextEncoder) measured slower.
 */
export function predictResponseBody(
  explain: PredictResponse['explain'],
  predictions: readonly ServedResult[],
): string {
  let json = `{"explain":${JSON.stringify(explain)},"predictions":[`;
  for (let i = 0; i < predictions.length; i++) {
    if (i > 0) json += ',';
    json += resultJson(predictions[i]!);
  }
  return `${json}]}`;
}
