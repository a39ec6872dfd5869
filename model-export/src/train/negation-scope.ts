import type { NegationScope } from './features.ts';

/**
 * Words that open a negation scope, as the tokenizer splits them: "wasn't" is `wasn ' t`, so
 * the `t` opens it; apostrophe-less spellings ("dont") are their own words.
 */
export const negationTriggers = [
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
export const negationBoundaries = [
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
 * The scope over a vocabulary (ids in `[PAD], [UNK], ...words` order), in ascending id order;
 * with a lexicon, only its words are negated: function words inside a scope ("this", "with")
 * otherwise learn "a negation is near", which is no sentiment of theirs.
 */
export function negationScope(
  words: readonly string[],
  lexicon?: ReadonlyMap<string, number>,
): NegationScope {
  const idsOf = (wanted: { has(word: string): boolean }) =>
    words.flatMap((word, i) => (wanted.has(word) ? [i + 2] : []));
  return {
    triggerIds: idsOf(new Set(negationTriggers)),
    boundaryIds: idsOf(new Set(negationBoundaries)),
    ...(lexicon ? { negatableIds: idsOf(lexicon) } : {}),
  };
}
