import type { TokenContribution } from '@polarity/core/contracts';
import { describe, expect, it } from 'vitest';
import { highlightSegments, strongestWords } from '../src/analyze/highlight-segments.ts';

const token = (text: string, word: string, score: number, from = 0): TokenContribution => {
  const start = text.indexOf(word, from);
  return { token: word.toLowerCase(), start, end: start + word.length, score };
};

describe('highlightSegments', () => {
  it('marks the words that pushed each way and keeps the text exactly as written', () => {
    const text = 'Great <b>blender</b>, but the LID is flimsy.';
    const explanation = [
      token(text, 'Great', 1.2),
      token(text, 'blender', 0.01),
      token(text, 'LID', -0.3),
      token(text, 'flimsy', -0.9),
    ];
    const segments = highlightSegments(text, explanation);
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
    expect(
      segments.filter((segment) => segment.push === 'positive').map((segment) => segment.text),
    ).toEqual(['Great', 'blender']);
    expect(
      segments.filter((segment) => segment.push === 'negative').map((segment) => segment.text),
    ).toEqual(['LID', 'flimsy']);
  });

  it('keeps only the strongest words per direction and ignores offsets outside the text', () => {
    const words = Array.from({ length: 10 }, (_, i) => `w${i}`);
    const text = words.join(' ');
    const explanation = words.map((word, i) => token(text, word, i + 1));
    expect(strongestWords(explanation).positive.map((t) => t.token)).toEqual([
      'w9',
      'w8',
      'w7',
      'w6',
      'w5',
      'w4',
    ]);
    const segments = highlightSegments('short', [{ token: 'x', start: 2, end: 40, score: 5 }]);
    expect(segments).toEqual([{ text: 'short', push: null, score: 0 }]);
  });
});
