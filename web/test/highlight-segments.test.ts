import { readableExplanation } from '@polarity/core/explanation';
import { wordSpans } from '@polarity/core/inference';
import { describe, expect, it } from 'vitest';
import { highlightSegments } from '../src/explanation/highlight-segments.ts';

/** The explanation the classifier would return, each token scored by its normalised word. */
const explanationOf = (text: string, scores: Record<string, number>) =>
  wordSpans(text).map((span) => ({
    token: span.word,
    start: span.start,
    end: span.end,
    score: scores[span.word] ?? 0,
  }));

describe('highlightSegments', () => {
  it('marks the words above the threshold, whole, and keeps the text exactly as written', () => {
    const text = "Great <b>blender</b>, but the LID wasn't sturdy.";
    const { words } = readableExplanation(
      text,
      explanationOf(text, { great: 1.2, blender: 0.01, the: 0.05, lid: -0.4, wasn: -0.5, t: -0.5 }),
    );
    const segments = highlightSegments(text, words);
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
    expect(
      segments
        .filter((segment) => segment.word)
        .map((segment) => [segment.text, segment.word!.push, segment.word!.intensity]),
    ).toEqual([
      ['Great', 'positive', 1],
      ['LID', 'negative', 0.4 / 1.2],
      ["wasn't", 'negative', 1 / 1.2],
    ]);
  });

  it('leaves the text plain where nothing is marked, and ignores words beyond the text', () => {
    const text = 'short';
    const word = {
      text: 'x',
      start: 2,
      end: 40,
      score: 5,
      push: 'positive' as const,
      intensity: 1,
    };
    expect(highlightSegments(text, [word])).toEqual([{ text: 'short', word: null }]);
  });
});
