import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TokenContribution } from '../../src/contracts/classification.ts';
import {
  absoluteThreshold,
  type ReadableExplanation,
  readableExplanation,
  shownTokens,
} from '../../src/explanation/index.ts';
import { wordSpans } from '../../src/inference/index.ts';

/** What the app draws from an explanation: the marked words, the phrases, the top reasons. */
const shown = ({ words, phrases, topReasons }: ReadableExplanation) => ({
  marked: words.filter((word) => word.push),
  phrases,
  topReasons,
});

/**
 * Reviews built from the pieces the phrase rules treat specially (glue words, negators,
 * contractions, hyphens, punctuation, non-ASCII letters and spaces) and random ASCII.
 */
const piece = fc.oneof(
  fc.constantFrom(
    ...['not', 'No', 'never', 'without', 'nothing', 'cannot', "wasn't", 'don’t', "can't"],
    ...['the', 'of', 'a', 'to', 'for', 'with', 'and', 'my', 'is', 'so', 'very', 'WITH'],
    ...['great', 'bad', 'money', 'waste', 'well-made', 'cheap‐looking', "it's", 'quality'],
    ...['Très', 'déçu', 'Жж', '质量', '😍', '!', ',', '.', '…', '$5', '10/10'],
    ...['\n', '  ', '\u00a0', '\u2028'],
  ),
  fc.string({ unit: 'binary-ascii', maxLength: 5 }),
);
const review = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(' '));
/** Scores around the thresholds, and now and then a strong one. */
const score = fc.oneof(
  fc.double({ min: -0.6, max: 0.6, noNaN: true }),
  fc.double({ min: -4, max: 4, noNaN: true }),
  fc.constantFrom(0, absoluteThreshold, -absoluteThreshold, 0.5, -0.5),
);

function scored(text: string, scores: number[]): TokenContribution[] {
  return wordSpans(text).map((span, i) => ({
    token: span.word,
    start: span.start,
    end: span.end,
    score: scores[i % scores.length] ?? 0,
  }));
}

describe('shownTokens', () => {
  it('leaves what the app shows unchanged: the same marks, phrases and top reasons', () => {
    fc.assert(
      fc.property(review, fc.array(score, { minLength: 1, maxLength: 60 }), (text, scores) => {
        const all = scored(text, scores);
        expect(shown(readableExplanation(text, shownTokens(text, all)))).toEqual(
          shown(readableExplanation(text, all)),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the tokens of marked words and of the words their phrases are read from, nothing else', () => {
    const text = "It wasn't bad at all, never had a problem; the price is fine.";
    const scores: Record<string, number> = { bad: 1.5, problem: 1, never: -0.1, t: 0.1 };
    const all = wordSpans(text).map((span) => ({
      ...span,
      token: span.word,
      score: scores[span.word] ?? 0.01,
    }));
    const kept = shownTokens(
      text,
      all.map(({ token, start, end, score }) => ({ token, start, end, score })),
    );
    expect(kept.map((token) => text.slice(token.start, token.end))).toEqual([
      'wasn',
      "'",
      't',
      'bad',
      'never',
      'had',
      'a',
      'problem',
    ]);
  });

  it('keeps nothing when no word clears the threshold', () => {
    const text = 'ok, it is what it is';
    expect(shownTokens(text, scored(text, [absoluteThreshold / 2]))).toEqual([]);
  });
});
