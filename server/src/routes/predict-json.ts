import type { PredictionResult, TokenContribution } from '@polarity/core/contracts';

/**
 * `JSON.stringify({ predictions })`, byte for byte, written by hand. A 1,000-character review
 * answers about 200 explanation entries; the profile of `npm run bench -w server` showed
 * JSON.stringify over them as the largest single cost of a long-review request (about a sixth
 * of the server's CPU). Here the keys are constants and each token's `{"token":"…","start":`
 * is escaped once and reused, so what is left per entry is three numbers.
 */

/** Tokens whose escaped prefix is kept. The model's vocabulary is about 20,000 words. */
const maxCachedTokens = 50_000;
const tokenPrefixes = new Map<string, string>();

function tokenPrefix(token: string): string {
  let prefix = tokenPrefixes.get(token);
  if (prefix === undefined) {
    prefix = `{"token":${JSON.stringify(token)},"start":`;
    // Unknown words are unbounded in number; past the cap they are escaped on every use.
    if (tokenPrefixes.size < maxCachedTokens) tokenPrefixes.set(token, prefix);
  }
  return prefix;
}

/** As JSON.stringify writes a number: NaN and ±Infinity become null, -0 becomes 0. */
function num(value: number): string {
  return Number.isFinite(value) ? `${value}` : 'null';
}

function explanationJson(explanation: readonly TokenContribution[]): string {
  let json = '[';
  for (let i = 0; i < explanation.length; i++) {
    const entry = explanation[i]!;
    if (i > 0) json += ',';
    json += `${tokenPrefix(entry.token)}${num(entry.start)},"end":${num(entry.end)},"score":${num(entry.score)}}`;
  }
  return `${json}]`;
}

function resultJson(result: PredictionResult): string {
  return (
    `{"label":${JSON.stringify(result.label)},"confidence":${num(result.confidence)}` +
    `,"probabilities":{"negative":${num(result.probabilities.negative)},"positive":${num(result.probabilities.positive)}}` +
    `,"explanation":${explanationJson(result.explanation)}` +
    `,"tokenCount":${num(result.tokenCount)},"unknownTokenRate":${num(result.unknownTokenRate)}` +
    `,"id":${JSON.stringify(result.id)}` +
    `,"model":{"name":${JSON.stringify(result.model.name)},"version":${JSON.stringify(result.model.version)}}` +
    `,"runtime":${JSON.stringify(result.runtime)},"latency_ms":${num(result.latency_ms)}}`
  );
}

/**
 * The body of a 200 from /api/predict. Left a string: Node writes the headers and a string body
 * in one socket write, and encoding it to bytes here first (TextEncoder) measured slower.
 */
export function predictResponseBody(predictions: readonly PredictionResult[]): string {
  let json = '{"predictions":[';
  for (let i = 0; i < predictions.length; i++) {
    if (i > 0) json += ',';
    json += resultJson(predictions[i]!);
  }
  return `${json}]}`;
}
