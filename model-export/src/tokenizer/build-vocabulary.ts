import { wordSpans } from '@polarity/core/inference';

/** Longer words become [UNK] inside WordPiece anyway (`max_input_chars_per_word`). */
const maxWordChars = 100;

/**
 * Words seen in at least `minDocs` texts, most frequent first (ties by code point order, so
 * the vocabulary is deterministic), at most `maxWords`.
 */
export function buildVocabulary(
  texts: readonly string[],
  minDocs: number,
  maxWords: number,
): string[] {
  const docCount = new Map<string, number>();
  for (const text of texts) {
    for (const word of new Set(wordSpans(text).map((span) => span.word))) {
      if (word.length === 0 || [...word].length > maxWordChars || word.startsWith('[')) continue;
      docCount.set(word, (docCount.get(word) ?? 0) + 1);
    }
  }
  return [...docCount]
    .filter(([, count]) => count >= minDocs)
    .sort(([a, ca], [b, cb]) => cb - ca || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, maxWords)
    .map(([word]) => word);
}
