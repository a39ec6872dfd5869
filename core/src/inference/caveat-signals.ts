import type { EncodedText } from './review-tokenizer.ts';
import { isPunctuationWord, wordSpans } from './word-spans.ts';

/** What the caveat rules read: all of it comes from the text, its token ids and the verdict. */
export interface CaveatSignals {
  /** letters outside the Latin script, over all letters; 0 for a text without letters */
  nonLatinLetterShare: number;
  /** tokens that are not punctuation: words, numbers, emoji and other symbols */
  contentTokens: number;
  /** content tokens the vocabulary lacks ([UNK]), over content tokens; 0 without any */
  unknownShare: number;
  /** known content tokens that hold a letter: what the model can actually read */
  knownWords: number;
  /** words of `foreignFunctionWords` (caveat-rules.ts) in the text */
  foreignFunctionWords: number;
  /** words holding a letter, known or not: the denominator of the foreign-word share */
  words: number;
  /** |p(positive) − 0.5| */
  margin: number;
}

const letter = /\p{L}/u;
const letters = /\p{L}/gu;
const nonLatinLetters = /(?!\p{Script=Latin})\p{L}/gu;

const countMatches = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/**
 * One pass over the encoded tokens. When the tokenizer split words into pieces (`spans` is empty)
 * every id counts as a content token and the words come from the text itself.
 */
export function caveatSignals(
  text: string,
  encoded: EncodedText,
  unkTokenId: number,
  isForeignFunctionWord: (word: string) => boolean,
  pPositive: number,
): CaveatSignals {
  const allLetters = countMatches(text, letters);
  const aligned = encoded.spans.length === encoded.ids.length;
  let contentTokens = 0;
  let unknown = 0;
  let knownWords = 0;
  let foreign = 0;
  let words = 0;
  if (aligned) {
    encoded.spans.forEach((span, t) => {
      if (isPunctuationWord(span.word)) return;
      contentTokens++;
      const known = encoded.ids[t] !== unkTokenId;
      if (!known) unknown++;
      if (!letter.test(span.word)) return;
      words++;
      if (known) knownWords++;
      if (isForeignFunctionWord(span.word)) foreign++;
    });
  } else {
    contentTokens = encoded.ids.length;
    unknown = encoded.unknownCount;
    for (const span of wordSpans(text).slice(0, encoded.ids.length)) {
      if (!letter.test(span.word)) continue;
      words++;
      if (isForeignFunctionWord(span.word)) foreign++;
    }
    knownWords = Math.max(0, Math.min(words, contentTokens - unknown));
  }
  return {
    nonLatinLetterShare: allLetters === 0 ? 0 : countMatches(text, nonLatinLetters) / allLetters,
    contentTokens,
    unknownShare: contentTokens === 0 ? 0 : unknown / contentTokens,
    knownWords,
    foreignFunctionWords: foreign,
    words,
    margin: Math.abs(pPositive - 0.5),
  };
}
