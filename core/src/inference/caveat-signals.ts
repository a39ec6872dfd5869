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

const isAsciiLetter = (unit: number) => (unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x7a;

/**
 * Letters, and those outside the Latin script. Most reviews are plain ASCII, where the letters
 * are A–Z and a–z and every one is Latin: counted by character code, because the regexes'
 * `match` builds an array of one-character strings, about 800 of them for a 1,000-character
 * review (a fifth of its inference time on the server).
 */
function letterCounts(text: string): { all: number; nonLatin: number } {
  let all = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x80)
      return { all: countMatches(text, letters), nonLatin: countMatches(text, nonLatinLetters) };
    if (isAsciiLetter(unit)) all++;
  }
  return { all, nonLatin: 0 };
}

/** Whether `word` holds a letter (`\p{L}`), by character code while it is ASCII. */
function hasLetter(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const unit = word.charCodeAt(i);
    if (unit >= 0x80) return letter.test(word);
    if (isAsciiLetter(unit)) return true;
  }
  return false;
}

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
  const letterCount = letterCounts(text);
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
      if (!hasLetter(span.word)) return;
      words++;
      if (known) knownWords++;
      if (isForeignFunctionWord(span.word)) foreign++;
    });
  } else {
    contentTokens = encoded.ids.length;
    unknown = encoded.unknownCount;
    for (const span of wordSpans(text).slice(0, encoded.ids.length)) {
      if (!hasLetter(span.word)) continue;
      words++;
      if (isForeignFunctionWord(span.word)) foreign++;
    }
    knownWords = Math.max(0, Math.min(words, contentTokens - unknown));
  }
  return {
    nonLatinLetterShare: letterCount.all === 0 ? 0 : letterCount.nonLatin / letterCount.all,
    contentTokens,
    unknownShare: contentTokens === 0 ? 0 : unknown / contentTokens,
    knownWords,
    foreignFunctionWords: foreign,
    words,
    margin: Math.abs(pPositive - 0.5),
  };
}
