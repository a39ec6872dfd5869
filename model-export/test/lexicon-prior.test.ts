import Sentiment from 'sentiment';
import { expect, it } from 'vitest';
import { afinnLexicon } from '../src/train/lexicon-prior.ts';

it("holds AFINN-165's words only, even after the sentiment package added its emoji scores", () => {
  expect(new Sentiment().analyze('😀').score).toBeGreaterThan(0);
  const words = [...afinnLexicon().keys()];
  expect(words.filter((word) => /\p{Extended_Pictographic}/u.test(word))).toEqual([]);
  expect(afinnLexicon().get('great')).toBe(3);
});
