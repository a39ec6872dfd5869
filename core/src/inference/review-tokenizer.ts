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
  encode(text: string): EncodedText;
}

export interface ReviewTokenizerOptions {
  maxLength: number;
  unkTokenId: number;
}

export function createReviewTokenizer(
  tokenizer: PretrainedTokenizerLike,
  { maxLength, unkTokenId }: ReviewTokenizerOptions,
): ReviewTokenizer {
  return {
    maxLength,
    encode(text) {
      const all = tokenizer.encode(text, { add_special_tokens: false });
      const ids = all.slice(0, maxLength);
      const words = wordSpans(text);
      // The vocabulary has no `##` pieces, so every word is exactly one id; a mismatch means
      // the two splitters disagree and highlighting would point at the wrong words.
      const spans = words.length === all.length ? words.slice(0, maxLength) : [];
      let unknownCount = 0;
      for (const id of ids) if (id === unkTokenId) unknownCount++;
      return { ids, spans, unknownCount };
    },
  };
}
