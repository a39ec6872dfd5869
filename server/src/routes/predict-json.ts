import type {
  PredictionResult,
  PredictResponse,
  TokenContribution,
} from '@polarity/core/contracts';

/**
 * `JSON.stringify({ explain, predictions })`, byte for byte, with the explanation written by hand.
 * With `explain: all` a 1,000-character review answers about 200 explanation entries; the profile of `npm run bench
 * -w server` showed JSON.stringify over them as the largest single cost of a long-review request
 * (about a fifth of the server's CPU). Here each token's `{"token":"…","start":` is escaped once
 * and reused, so what is left per entry is three numbers.
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

/** Explanations at least this long are written by hand. */
const handWrittenFromTokens = 32;

/**
 * One result: `explanation` by hand, every other field (a few scalars and small objects) by
 * JSON.stringify, in the object's own key order, so a field added to the contract is written
 * as JSON.stringify would write it without a change here.
 */
function resultJson(result: PredictionResult): string {
  // A short review's few entries are cheaper through JSON.stringify alone (1.8 against 2.9 µs
  // for six tokens, measured in one process); the hand-written path pays off for long ones.
  if (result.explanation.length < handWrittenFromTokens) return JSON.stringify(result);
  let json = '{';
  for (const key in result) {
    const value = result[key as keyof PredictionResult];
    // JSON.stringify leaves out undefined properties.
    if (value === undefined) continue;
    if (json.length > 1) json += ',';
    json += `${JSON.stringify(key)}:${
      key === 'explanation'
        ? explanationJson(value as PredictionResult['explanation'])
        : JSON.stringify(value)
    }`;
  }
  return `${json}}`;
}

/**
 * The body of a 200 from /api/predict. Left a string: Node writes the headers and a string body
 * in one socket write, and encoding it to bytes here first (TextEncoder) measured slower.
 */
export function predictResponseBody(
  explain: PredictResponse['explain'],
  predictions: readonly PredictionResult[],
): string {
  let json = `{"explain":${JSON.stringify(explain)},"predictions":[`;
  for (let i = 0; i < predictions.length; i++) {
    if (i > 0) json += ',';
    json += resultJson(predictions[i]!);
  }
  return `${json}]}`;
}
