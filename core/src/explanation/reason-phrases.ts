import type { Label } from '../contracts/labels.ts';
import { absoluteThreshold, type HighlightedColumns, pushLabel } from './highlight-threshold.ts';

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
const isGlue = (text: string, words: HighlightedColumns, w: number) =>
  words.end[w]! - words.start[w]! <= longestGlue &&
  glueWords.has(text.slice(words.start[w], words.end[w]).toLowerCase());

/**
 * A negator belongs to the phrase after it: "not bad" is one reason, and a model that reads
 * negation scores "bad" there as a positive word, so "+ bad" alone would misreport it. The
 * phrase then pushes the way its words add up, whatever the negator's own sign.
 */
const negator = /^(?:not|no|never|without|nothing|cannot|\p{L}+n['’]t)$/iu;
/**
 * Whether the word may be a negator, from its length and two or three character codes, so the
 * regex runs for few words: the fixed negators by first letter and length (case folding maps no
 * other character to n, w or c, nor any non-ASCII one to their letters), the rest by "n't".
 */
const mayBeNegator = (text: string, start: number, end: number) => {
  const length = end - start;
  const first = text.charCodeAt(start) | 0x20;
  if (first === 0x6e && (length === 2 || length === 3 || length === 5 || length === 7)) return true;
  if ((first === 0x77 && length === 7) || (first === 0x63 && length === 6)) return true;
  const apostrophe = text.charCodeAt(end - 2);
  return (
    length >= 4 &&
    (text.charCodeAt(end - 1) | 0x20) === 0x74 &&
    (apostrophe === 0x27 || apostrophe === 0x2019)
  );
};
const isNegator = (text: string, words: HighlightedColumns, w: number) => {
  const start = words.start[w]!;
  const end = words.end[w]!;
  return mayBeNegator(text, start, end) && negator.test(text.slice(start, end));
};

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
const doesNotOppose = (words: HighlightedColumns, w: number, push: number) =>
  Math.abs(words.score[w]!) < absoluteThreshold || words.score[w]! > 0 === (push === 1);

/**
 * Merges highlighted words into phrases: same push, only whitespace or up to two unmarked glue
 * words between them, never across punctuation (it ends a clause); then leading glue words are
 * dropped and a trailing one takes the word after it. A phrase's score is the sum of the words
 * it spans. `words` are in text order, as `wordColumns` gives them.
 */
export function reasonPhrases(text: string, words: HighlightedColumns): ReasonPhrase[] {
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
  words: HighlightedColumns,
): [start: number, end: number][] {
  return scanPhrases(text, words, false).reaches;
}

/** The reaches, and the phrases when `withPhrases` (the reaches need none of their text). */
function scanPhrases(text: string, words: HighlightedColumns, withPhrases: boolean) {
  const { count, start: starts, end: ends, score: scores, push: pushes } = words;
  const adjacent = (a: number, b: number) => onlyWhitespace(text, ends[a]!, starts[b]!);
  const glue = (w: number) => isGlue(text, words, w);
  const phrases: ReasonPhrase[] = [];
  const reaches: [number, number][] = [];
  let i = 0;
  while (i < count) {
    const negatorAt = isNegator(text, words, i) ? i : -1;
    const start = negatorAt < 0 ? i : markedAfterNegator(words, i, adjacent);
    const push = pushes[start]!;
    if (!push) {
      i++;
      continue;
    }
    let first = negatorAt < 0 ? start : negatorAt;
    let last = start;
    // Grows over up to `maxBridge` unmarked glue words to the next word with the same push.
    for (let next = last + 1; next < count && next - last <= maxBridge + 1; next++) {
      if (!adjacent(next - 1, next)) break;
      if (pushes[next] === push) last = next;
      else if (pushes[next] || !glue(next) || !doesNotOppose(words, next, push)) break;
    }
    const reachStart = starts[i]!;
    i = last + 1;
    while (first < last && glue(first)) first++;
    // "waste of" takes "money"; "waste of the" would take one more.
    for (let taken = 0; taken <= maxBridge && glue(last); taken++) {
      const after = last + 1;
      if (after >= count || !adjacent(last, after) || !doesNotOppose(words, after, push)) break;
      last++;
    }
    reaches.push([reachStart, ends[last]!]);
    if (!withPhrases) continue;
    while (last > first && glue(last)) last--;
    let score = 0;
    for (let k = first; k <= last; k++) score += scores[k]!;
    const from = starts[first]!;
    const to = ends[last]!;
    phrases.push({
      text: text.slice(from, to).replace(/\s+/g, ' '),
      start: from,
      end: to,
      score,
      push: score === 0 ? pushLabel(push)! : score > 0 ? 'positive' : 'negative',
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
  words: HighlightedColumns,
  at: number,
  adjacent: (a: number, b: number) => boolean,
): number {
  for (let next = at + 1; next < words.count && next - at <= maxBridge + 1; next++) {
    if (!adjacent(next - 1, next)) break;
    if (words.push[next]) return next;
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
