import type { Classification, TokenContribution } from '../contracts/classification.ts';
import type { ExplanationScope } from '../contracts/predict.ts';
import { highlightColumns } from './highlight-threshold.ts';
import { phraseReaches } from './reason-phrases.ts';
import { wordColumns } from './word-contributions.ts';

/**
 * The tokens the app's explanation reads: those of every word the phrase rules read, which holds
 * every highlighted word, the glue words a phrase bridges and the negator it starts from. Given
 * only these, `readableExplanation` marks the same words with the same intensity and finds the
 * same phrases and top reasons as from every token: the strongest word is highlighted whenever
 * any word is, each phrase is found from the same words, and a word left out always has letters,
 * so two words it separated are no longer adjacent and nothing new can form across the gap. The
 * list is a fraction of the tokens (a fifth for the bench's long review, whose words are mostly
 * weak), and it is what `POST /api/predict` answers by default.
 */
export function shownTokens(
  text: string,
  explanation: readonly TokenContribution[],
): TokenContribution[] {
  const reaches = phraseReaches(text, highlightColumns(wordColumns(text, explanation)));
  if (reaches.length === 0) return [];
  const kept = union(reaches);
  return explanation.filter((token) => inside(kept, token.start, token.end));
}

/**
 * A classification whose explanation holds the tokens `scope` asks for: every token (`all`, as
 * the classifier gives them) or the shown ones. Applied where the text was scored, so an
 * inference worker sends back only what the answer carries.
 */
export function withExplanationScope(
  text: string,
  classification: Classification,
  scope: ExplanationScope,
): Classification {
  if (scope === 'all') return classification;
  return { ...classification, explanation: shownTokens(text, classification.explanation) };
}

/** The spans merged where they overlap or touch, in text order. */
function union(spans: [number, number][]): [number, number][] {
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

/** Whether [start, end) lies inside one of the disjoint, ordered `spans`: a binary search. */
function inside(spans: readonly [number, number][], start: number, end: number): boolean {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = spans[mid]!;
    if (start < span[0]) high = mid - 1;
    else if (start >= span[1]) low = mid + 1;
    else return end <= span[1];
  }
  return false;
}
