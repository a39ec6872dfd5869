import type { WholeWordVocabulary } from './whole-word-vocabulary.ts';
import { type WordSpan, wordSpans } from './word-spans.ts';

/**
 * The slice of a transformers.js tokenizer this module needs; the caller loads it
 * (`AutoTokenizer.from_pretrained`) so this module stays free of runtime imports.
 */
export interface PretrainedTokenizerLike {
  encode(text: string, options?: { add_special_tokens?: boolean }): number[];
}

export interface EncodedText {
  /** Token ids, truncated on the right to `maxLength`. */
  ids: number[];
  /** Where each id's word sits in the original text; empty when alignment failed. */
  spans: WordSpan[];
  unknownCount: number;
}

export interface ReviewTokenizer {
  readonly maxLength: number;
  /** The id of every word the vocabulary lacks. */
  readonly unkTokenId: number;
  encode(text: string): EncodedText;
  /** Whether `encode(text)` calls the full tokenizer; false when the vocabulary answers alone. */
  needsTokenizer(text: string): boolean;
}

export interface ReviewTokenizerOptions {
  maxLength: number;
  unkTokenId: number;
  /**
   * From `wholeWordVocabulary(tokenizer.json)`: plain-ASCII texts are then encoded by looking
   * their words up, which gives the tokenizer's ids at a fraction of its cost.
   */
  vocabulary?: WholeWordVocabulary;
}

/** Texts where normalisation is just lowercasing, so wordSpans' words are the tokenizer's. */
const plainAscii = /^[\t\n\r\x20-\x7e]*$/;

export function createReviewTokenizer(
  tokenizer: PretrainedTokenizerLike,
  { maxLength, unkTokenId, vocabulary }: ReviewTokenizerOptions,
): ReviewTokenizer {
  const lookUp = (word: string) =>
    vocabulary && word.length <= vocabulary.maxCharsPerWord
      ? (vocabulary.ids.get(word) ?? unkTokenId)
      : unkTokenId;
  const needsTokenizer = (text: string) => !vocabulary || !plainAscii.test(text);
  return {
    maxLength,
    unkTokenId,
    needsTokenizer,
    encode(text) {
      const words = wordSpans(text);
      let all: number[];
      if (needsTokenizer(text)) {
        all = tokenizer.encode(text, { add_special_tokens: false });
      } else {
        all = new Array<number>(words.length);
        for (let i = 0; i < words.length; i++) all[i] = lookUp(words[i]!.word);
      }
      // Copied only when truncated: most reviews are shorter than maxLength.
      const ids = all.length > maxLength ? all.slice(0, maxLength) : all;
      // The vocabulary has no `##` pieces, so every word is exactly one id; a mismatch means
      // the two splitters disagree and highlighting would point at the wrong words.
      const spans =
        words.length !== all.length
          ? []
          : words.length > maxLength
            ? words.slice(0, maxLength)
            : words;
      let unknownCount = 0;
      for (const id of ids) if (id === unkTokenId) unknownCount++;
      return { ids, spans, unknownCount };
    },
  };
}
