import type { Label } from '../contracts/labels.ts';
import { absoluteThreshold, type HighlightedWord } from './highlight-threshold.ts';

/** Adjacent highlighted words that pushed the same way, read as one reason. */
export interface ReasonPhrase {
  /** The phrase as written, runs of whitespace (line breaks included) shown as one space. */
  text: string;
  start: number;
  end: number;
  /** Sum of its words' contributions, in logit units. */
  score: number;
  push: Label;
}

/**
 * Function words a phrase may run across, and may not start or end on: "pleased with the
 * quality", "great price and works" are one reason to a reader, and splitting them at a
 * preposition or article would list one thought twice; a phrase that ends on "of" or "to"
 * ("waste of") is unfinished, so it takes the word that follows ("waste of money"). Negators and
 * contrast words are not glue: "not", "but" change what follows, so a phrase runs across them
 * only when the model marked them itself.
 */
const glueWords = new Set(
  'a an the of to for with in on at and my your its is was are so very'.split(' '),
);
/** How many unmarked glue words in a row a phrase may bridge. */
const maxBridge = 2;

/** The longest glue word: anything longer is not one, without lower-casing it to look. */
const longestGlue = Math.max(...[...glueWords].map((word) => word.length));
const isGlue = (word: HighlightedWord) =>
  word.text.length <= longestGlue && glueWords.has(word.text.toLowerCase());

/**
 * A negator belongs to the phrase after it: "not bad" is one reason, and a model that reads
 * negation scores "bad" there as a positive word, so "+ bad" alone would misreport it. The
 * phrase then pushes the way its words add up, whatever the negator's own sign.
 */
const negator = /^(?:not|no|never|without|nothing|cannot|\p{L}+n['’]t)$/iu;
/**
 * Every negator starts with n, w or c or ends with t (case folding maps no other character to
 * these), so most words are ruled out by two character codes before the regex runs.
 */
const mayBeNegator = (text: string) => {
  const first = text.charCodeAt(0) | 0x20;
  return (
    first === 0x6e ||
    first === 0x77 ||
    first === 0x63 ||
    (text.charCodeAt(text.length - 1) | 0x20) === 0x74
  );
};
const isNegator = (word: HighlightedWord) => mayBeNegator(word.text) && negator.test(word.text);

/** Whether only whitespace (`\s`) separates text[from] and text[to]: by character code for ASCII. */
function onlyWhitespace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x80) return /^\s*$/.test(text.slice(from, to));
    if (unit !== 0x20 && (unit < 0x09 || unit > 0x0d)) return false;
  }
  return true;
}

/** Whether `word` may sit inside a `push` phrase unmarked: it pulls the other way by too little. */
const doesNotOppose = (word: HighlightedWord, push: Label) =>
  Math.abs(word.score) < absoluteThreshold || word.score > 0 === (push === 'positive');

/**
 * Merges highlighted words into phrases: same push, only whitespace or up to two unmarked glue
 * words between them, never across punctuation (it ends a clause); then leading glue words are
 * dropped and a trailing one takes the word after it. A phrase's score is the sum of the words
 * it spans. `words` must be in text order, as `wordContributions` gives them.
 */
export function reasonPhrases(text: string, words: readonly HighlightedWord[]): ReasonPhrase[] {
  return scanPhrases(text, words, true).phrases;
}

/**
 * For each phrase, the character span of every word the rules above read to find it: from where
 * the scan stood (a negator, a glue word later trimmed off) to the last word a trailing glue
 * word took, before trimming. Words outside every reach are never part of a phrase, nor do they
 * keep two words of one apart: `shownTokens` leaves them out.
 */
export function phraseReaches(
  text: string,
  words: readonly HighlightedWord[],
): [start: number, end: number][] {
  return scanPhrases(text, words, false).reaches;
}

/** The reaches, and the phrases when `withPhrases` (the reaches need none of their text). */
function scanPhrases(text: string, words: readonly HighlightedWord[], withPhrases: boolean) {
  const adjacent = (a: HighlightedWord, b: HighlightedWord) => onlyWhitespace(text, a.end, b.start);
  const phrases: ReasonPhrase[] = [];
  const reaches: [number, number][] = [];
  let i = 0;
  while (i < words.length) {
    const negatorAt = isNegator(words[i]!) ? i : -1;
    const start = negatorAt < 0 ? i : markedAfterNegator(words, i, adjacent);
    const push = words[start]?.push;
    if (!push) {
      i++;
      continue;
    }
    let first = negatorAt < 0 ? start : negatorAt;
    let last = start;
    // Grows over up to `maxBridge` unmarked glue words to the next word with the same push.
    for (let next = last + 1; next < words.length && next - last <= maxBridge + 1; next++) {
      const word = words[next]!;
      if (!adjacent(words[next - 1]!, word)) break;
      if (word.push === push) last = next;
      else if (word.push || !isGlue(word) || !doesNotOppose(word, push)) break;
    }
    reaches.push([words[i]!.start, 0]);
    i = last + 1;
    while (first < last && isGlue(words[first]!)) first++;
    // "waste of" takes "money"; "waste of the" would take one more.
    for (let taken = 0; taken <= maxBridge && isGlue(words[last]!); taken++) {
      const after = words[last + 1];
      if (!after || !adjacent(words[last]!, after) || !doesNotOppose(after, push)) break;
      last++;
    }
    reaches[reaches.length - 1]![1] = words[last]!.end;
    if (!withPhrases) continue;
    while (last > first && isGlue(words[last]!)) last--;
    let score = 0;
    for (let k = first; k <= last; k++) score += words[k]!.score;
    const from = words[first]!.start;
    const to = words[last]!.end;
    phrases.push({
      text: text.slice(from, to).replace(/\s+/g, ' '),
      start: from,
      end: to,
      score,
      push: score === 0 ? push : score > 0 ? 'positive' : 'negative',
    });
  }
  return { phrases, reaches };
}

/**
 * The first highlighted word after the negator at `at`, across at most `maxBridge` plain words
 * and no punctuation ("never had a problem"); `at` itself when there is none, so a marked
 * negator with nothing marked after it stays a phrase of its own.
 */
function markedAfterNegator(
  words: readonly HighlightedWord[],
  at: number,
  adjacent: (a: HighlightedWord, b: HighlightedWord) => boolean,
): number {
  for (let next = at + 1; next < words.length && next - at <= maxBridge + 1; next++) {
    if (!adjacent(words[next - 1]!, words[next]!)) break;
    if (words[next]!.push) return next;
  }
  return at;
}

/** How many reasons are listed each way: enough to explain, few enough to read at a glance. */
export const reasonsPerSide = 3;

/** The strongest phrases each way, strongest first. */
export function topReasons(phrases: readonly ReasonPhrase[]): Record<Label, ReasonPhrase[]> {
  const strongestFirst = phrases.toSorted((a, b) => Math.abs(b.score) - Math.abs(a.score));
  return {
    positive: strongestFirst
      .filter((phrase) => phrase.push === 'positive')
      .slice(0, reasonsPerSide),
    negative: strongestFirst
      .filter((phrase) => phrase.push === 'negative')
      .slice(0, reasonsPerSide),
  };
}
