import { describe, expect, it } from 'vitest';
import { createReviewTokenizer } from '../../src/inference/review-tokenizer.ts';

const unkTokenId = 1;
const vocabulary = {
  ids: new Map([
    ['great', 5],
    ['blender', 6],
  ]),
  maxCharsPerWord: 100,
};
/** Counts its calls: the vocabulary path must not touch it. */
function countingTokenizer() {
  const calls: string[] = [];
  return {
    calls,
    encode(text: string) {
      calls.push(text);
      return text
        .split(/\s+/)
        .filter(Boolean)
        .map(() => 9);
    },
  };
}

describe('createReviewTokenizer', () => {
  it('answers plain-ASCII texts from the vocabulary alone', () => {
    const full = countingTokenizer();
    const tokenizer = createReviewTokenizer(full, { maxLength: 8, unkTokenId, vocabulary });
    expect(tokenizer.needsTokenizer('Great blender!')).toBe(false);
    expect(tokenizer.encode('Great blender!').ids).toEqual([5, 6, unkTokenId]);
    expect(full.calls).toEqual([]);
  });

  it('needs the full tokenizer for non-ASCII texts, and for every text without a vocabulary', () => {
    const full = countingTokenizer();
    const withVocabulary = createReviewTokenizer(full, { maxLength: 8, unkTokenId, vocabulary });
    expect(withVocabulary.needsTokenizer('Très bien')).toBe(true);
    withVocabulary.encode('Très bien');
    expect(full.calls).toEqual(['Très bien']);

    const without = createReviewTokenizer(full, { maxLength: 8, unkTokenId });
    expect(without.needsTokenizer('Great blender')).toBe(true);
  });
});
