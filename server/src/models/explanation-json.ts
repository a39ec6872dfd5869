import type { TokenContribution } from '@polarity/core/contracts';

/**
 * An explanation already written as JSON, exactly as `JSON.stringify` writes it. It is written
 * where the text was scored: from an inference worker a string crosses to the event loop as one
 * copy, where the same entries as objects cost the loop about 0.6 µs each to deserialise (a long
 * review's shown tokens, about 20 µs), and the answer then embeds it as it is (predict-json.ts).
 */
export type ExplanationJson = string & { readonly __writtenAs: 'explanation JSON' };

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

/** Explanations at least this long are written by hand. */
const handWrittenFromTokens = 32;

/**
 * `JSON.stringify(explanation)`, byte for byte. With `explain: all` a 1,000-character review has
 * about 200 entries, and JSON.stringify over them was the largest single cost of a long-review
 * request (about a fifth of the server's CPU). Here each token's `{"token":"…","start":` is
 * escaped once and reused, so what is left per entry is three numbers. A few entries are cheaper
 * through JSON.stringify itself (1.8 against 2.9 µs for six tokens, measured in one process).
 */
export function explanationJson(explanation: readonly TokenContribution[]): ExplanationJson {
  if (explanation.length < handWrittenFromTokens) {
    return JSON.stringify(explanation) as ExplanationJson;
  }
  let json = '[';
  for (let i = 0; i < explanation.length; i++) {
    const entry = explanation[i]!;
    if (i > 0) json += ',';
    json += `${tokenPrefix(entry.token)}${num(entry.start)},"end":${num(entry.end)},"score":${num(entry.score)}}`;
  }
  return `${json}]` as ExplanationJson;
}
