import type { Label } from '../contracts/labels.ts';
import { type WordColumns, type WordContribution, wordAt } from './word-contributions.ts';

/**
 * A word is highlighted only when its contribution is at least this share of the strongest
 * word's in the same review. Measured on every tenth review of the four Multi-Domain Sentiment
 * test files (800 reviews, median 500 characters), with the floor below: at 0.3, version 1
 * marks 5.6 % of words (median 6 per review) and 22 common function words ("the", "a", "my",
 * "i", "it", "and", "of"…) in 0.7 % of their occurrences (the version 2 candidate: 6.2 %, 0.7 %);
 * at 0.2 it marks 7.3 % and 1.6 %, the additions mostly glue words carrying a bigram's share
 * ("for", "than", "then"). The fill's intensity already shows strength, so the threshold only
 * has to hide what barely moved the verdict.
 */
export const relativeThreshold = 0.3;

/**
 * And at least this many logit units: a word that moves the odds by less than e^0.15 ≈ 1.16
 * (under 4 percentage points from even) decides nothing. Without it a review where every word
 * is weak ("ok", gibberish, unknown words) would mark its noise at full intensity, because the
 * relative rule alone always marks the strongest word. Scores are length-normalised, so a long
 * review's words are smaller; 0.15 still left every one of the 92 sampled reviews over 1,500
 * characters with marked words.
 */
export const absoluteThreshold = 0.15; // logit units

export interface HighlightedWord extends WordContribution {
  /** Which way the word pushed the verdict, or null when it stays plain (below threshold). */
  push: Label | null;
  /** |score| / the strongest |score| in the review, in [0, 1]; 0 for plain words. */
  intensity: number;
}

/** The words with the threshold applied: push[i] is 1 (positive), -1 (negative) or 0 (plain). */
export interface HighlightedColumns extends WordColumns {
  push: number[];
  /** the strongest |score| among the words */
  strongest: number;
}

/** Applies the threshold: a word is marked when its |score| reaches the cutoff. */
export function highlightColumns(words: WordColumns): HighlightedColumns {
  const { count, score } = words;
  let strongest = 0;
  for (let w = 0; w < count; w++) strongest = Math.max(strongest, Math.abs(score[w]!));
  const cutoff = Math.max(relativeThreshold * strongest, absoluteThreshold);
  const push = new Array<number>(count);
  for (let w = 0; w < count; w++) {
    const value = score[w]!;
    // Written as "not below" so a NaN score is marked, as the app always drew it.
    push[w] = !(Math.abs(value) < cutoff) ? (value > 0 ? 1 : -1) : 0;
  }
  // Not a spread: one followed by new keys takes V8's slow path (about 1.7 µs a call).
  return { count, start: words.start, end: words.end, score, push, strongest };
}

/** The label a push code stands for; null for a plain word. */
export function pushLabel(push: number): Label | null {
  return push === 1 ? 'positive' : push === -1 ? 'negative' : null;
}

/** One object a word, as the app draws them, its intensity scaled to the strongest word. */
export function highlightedWords(text: string, words: HighlightedColumns): HighlightedWord[] {
  const { count, score, push, strongest } = words;
  // Each field written out: spreading `wordAt`'s object into the literal made the app's
  // explanation of a 1,000-character review 10–15 times slower (`npm run bench:stages -w server`).
  const out = new Array<HighlightedWord>(count);
  for (let w = 0; w < count; w++) {
    const { text: written, start, end } = wordAt(text, words, w);
    out[w] = {
      text: written,
      start,
      end,
      score: score[w]!,
      push: pushLabel(push[w]!),
      intensity: push[w] ? Math.min(1, Math.abs(score[w]!) / strongest) : 0,
    };
  }
  return out;
}
