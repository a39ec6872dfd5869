import type { ContrastScope, NegationScope } from './features.ts';

/**
 * Words that open a negation scope, as the tokenizer splits them: "wasn't" is `wasn ' t`, so
 * the `t` opens it; apostrophe-less spellings ("dont") are their own words.
 */
const negationTriggers = [
  'not',
  'no',
  'never',
  'nothing',
  'nobody',
  'none',
  'neither',
  'nor',
  'nowhere',
  'without',
  'hardly',
  'barely',
  'cannot',
  't',
  'cant',
  'dont',
  'wont',
  'didnt',
  'doesnt',
  'isnt',
  'wasnt',
  'arent',
  'werent',
  'couldnt',
  'wouldnt',
  'shouldnt',
  'havent',
  'hasnt',
  'aint',
] as const;

/** Clause boundaries that close a scope: punctuation and contrast words. */
const negationBoundaries = [
  '.',
  ',',
  ';',
  ':',
  '!',
  '?',
  '(',
  ')',
  'but',
  'however',
  'although',
  'though',
  'yet',
] as const;

/**
 * The scope over a vocabulary (ids in `[PAD], [UNK], ...words` order, words most frequent
 * first), in ascending id order. The `skipTop` most frequent words that are not in the lexicon
 * stay plain inside a scope: otherwise function words ("this", "with") learn "a negation is
 * near", which is no sentiment of theirs, and "not disappointed with this" reads negative.
 */
export function negationScope(
  words: readonly string[],
  skipTop: number,
  lexicon?: ReadonlyMap<string, number>,
): NegationScope {
  const idsOf = (wanted: (word: string, rank: number) => boolean) =>
    words.flatMap((word, i) => (wanted(word, i) ? [i + 2] : []));
  const triggers = new Set<string>(negationTriggers);
  const boundaries = new Set<string>(negationBoundaries);
  return {
    triggerIds: idsOf((word) => triggers.has(word)),
    boundaryIds: idsOf((word) => boundaries.has(word)),
    ...(skipTop > 0
      ? { negatableIds: idsOf((word, rank) => rank >= skipTop || lexicon?.has(word) === true) }
      : {}),
  };
}

const contrastTriggers = ['but', 'however'] as const;
const sentenceEnds = ['.', '!', '?'] as const;

/** "…, but Y" and "…. However, Y": Y, up to the end of its sentence, weighs `1 + weight`. */
export function contrastScope(words: readonly string[], weight: number): ContrastScope {
  const idsOf = (wanted: ReadonlySet<string>) =>
    words.flatMap((word, i) => (wanted.has(word) ? [i + 2] : []));
  return {
    triggerIds: idsOf(new Set<string>(contrastTriggers)),
    boundaryIds: idsOf(new Set<string>(sentenceEnds)),
    weight,
  };
}
