import { describe, expect, it } from 'vitest';
import type { TokenContribution } from '../../src/contracts/classification.ts';
import {
  absoluteThreshold,
  readableExplanation,
  relativeThreshold,
  wordContributions,
} from '../../src/explanation/index.ts';
import { wordSpans } from '../../src/inference/index.ts';

/**
 * The explanation the classifier would return for `text`: the tokenizer's own spans, each
 * token scored from `scores` (by its normalised word; a list gives successive occurrences).
 */
function explanationOf(text: string, scores: Record<string, number | number[]>) {
  const seen = new Map<string, number>();
  return wordSpans(text).map((span): TokenContribution => {
    const given = scores[span.word] ?? 0;
    const occurrence = seen.get(span.word) ?? 0;
    seen.set(span.word, occurrence + 1);
    const score = Array.isArray(given) ? (given[occurrence] ?? 0) : given;
    return { token: span.word, start: span.start, end: span.end, score };
  });
}

const explain = (text: string, scores: Record<string, number | number[]>) =>
  readableExplanation(text, explanationOf(text, scores));

const marked = (text: string, scores: Record<string, number | number[]>) =>
  explain(text, scores)
    .words.filter((word) => word.push)
    .map((word) => `${word.push === 'positive' ? '+' : '-'}${word.text}`);

describe('words', () => {
  it('a contraction is one word, scored with all its pieces, and marked whole', () => {
    const text = "It wasn't good and I don’t think you can't do better.";
    const words = wordContributions(
      text,
      explanationOf(text, { wasn: -0.5, "'": -0.25, t: [-1, -0.5, -0.25], don: -0.5, can: -0.1 }),
    );
    expect(words.map((word) => word.text)).toEqual([
      'It',
      "wasn't",
      'good',
      'and',
      'I',
      'don’t',
      'think',
      'you',
      "can't",
      'do',
      'better',
    ]);
    expect(words[1]).toMatchObject({ start: 3, end: 9, score: -1.75 });
    expect(words[5]!.score).toBeCloseTo(-1);
    expect(marked(text, { wasn: -0.5, "'": -0.25, t: -1 })).toEqual([
      "-wasn't",
      '-don’t',
      "-can't",
    ]);
  });

  it('a hyphenated word is one word, but a dash between words is not a joint', () => {
    const text = 'Well-made -- and cheap-looking.';
    const words = wordContributions(text, explanationOf(text, { well: 0.5, made: 0.5, '-': 0.2 }));
    expect(words.map((word) => [word.text, word.score])).toEqual([
      ['Well-made', 1.2],
      ['and', 0],
      ['cheap-looking', 0.2],
    ]);
  });

  it('punctuation, symbols and emoji are never words, however much the model weighed them', () => {
    const text = 'Great!!! 😍 $5, 10/10 … ok.';
    const scores = {
      '!': 3,
      '.': -4,
      $: 2,
      ',': 1,
      '/': 1,
      '…': 2,
      '😍': 5,
      great: 0.5,
      '10': 0.4,
    };
    const words = wordContributions(text, explanationOf(text, scores));
    expect(words.map((word) => word.text)).toEqual(['Great', '5', '10', '10', 'ok']);
    expect(marked(text, scores)).toEqual(['+Great', '+10', '+10']);
  });

  it('ignores offsets outside the text and takes tokens in text order whatever their order', () => {
    const text = 'love it';
    const words = wordContributions(text, [
      { token: 'it', start: 5, end: 7, score: 0.1 },
      { token: 'love', start: 0, end: 4, score: 2 },
      { token: 'x', start: 6, end: 40, score: 9 },
      { token: 'y', start: 3, end: 3, score: 9 },
    ]);
    expect(words.map((word) => word.text)).toEqual(['love', 'it']);
  });
});

describe('threshold and intensity', () => {
  it('marks a word only at or above the relative share of the strongest word', () => {
    const strongest = 2;
    const text = 'superb the my decent';
    const explanation = explain(text, {
      superb: strongest,
      the: -(relativeThreshold * strongest - 0.01),
      my: relativeThreshold * strongest - 0.01,
      decent: relativeThreshold * strongest + 0.01,
    });
    expect(explanation.words.map((word) => [word.text, word.push])).toEqual([
      ['superb', 'positive'],
      ['the', null],
      ['my', null],
      ['decent', 'positive'],
    ]);
  });

  it('marks nothing when every word is below the absolute floor, however it compares', () => {
    expect(marked('ok', { ok: absoluteThreshold - 0.01 })).toEqual([]);
    expect(marked('ok', { ok: absoluteThreshold + 0.01 })).toEqual(['+ok']);
    expect(marked('', {})).toEqual([]);
  });

  it('intensity is |score| over the strongest, 1 for the strongest, 0 for plain words', () => {
    const { words } = explain('awful but fine and the', {
      awful: -4,
      but: -1.6,
      fine: 2,
      and: 0.5,
    });
    expect(words.map((word) => word.intensity)).toEqual([1, 0.4, 0.5, 0, 0]);
  });
});

describe('phrases and top reasons', () => {
  it('adjacent words with the same push merge into one phrase with the summed score', () => {
    const { phrases } = explain('Highly recommend this blender', { highly: 1, recommend: 0.8 });
    expect(phrases).toEqual([
      { text: 'Highly recommend', start: 0, end: 16, score: 1.8, push: 'positive' },
    ]);
  });

  it('a phrase ends at punctuation and where the push changes', () => {
    const { phrases } = explain('Great, sturdy awful flimsy', {
      great: 1,
      sturdy: 1,
      awful: -1,
      flimsy: -1,
    });
    expect(phrases.map((phrase) => [phrase.text, phrase.score])).toEqual([
      ['Great', 1],
      ['sturdy', 1],
      ['awful flimsy', -2],
    ]);
  });

  it('bridges up to two unmarked glue words, but not content words or contrast', () => {
    const scores = { pleased: 1, quality: 1, design: 1, good: 1, price: 1, the: 0.01, with: -0.01 };
    const phrase = (text: string) => explain(text, scores).phrases.map((p) => p.text);
    expect(phrase('pleased with the quality')).toEqual(['pleased with the quality']);
    expect(explain('pleased with the quality', scores).phrases[0]!.score).toBeCloseTo(2);
    expect(phrase('pleased with the new quality')).toEqual(['pleased', 'quality']);
    expect(phrase('good of the and price')).toEqual(['good', 'price']);
    expect(phrase('good but price')).toEqual(['good', 'price']);
    expect(phrase('good not price')).toEqual(['good', 'not price']);
  });

  it('a negator joins the phrase after it, which pushes the way its words add up', () => {
    const pushes = (text: string, scores: Record<string, number>) =>
      explain(text, scores).phrases.map((phrase) => [phrase.text, phrase.push]);
    // a model that reads negation: the negated word carries the flipped sentiment
    expect(pushes('Not bad at all.', { not: -0.7, bad: 1.5 })).toEqual([['Not bad', 'positive']]);
    expect(explain('Not bad at all.', { not: -0.7, bad: 1.5 }).phrases[0]!.score).toBeCloseTo(0.8);
    // one that does not: "not bad" is shown as the negative reason it was to the model
    expect(pushes('Not bad at all.', { not: -1, bad: -0.5 })).toEqual([['Not bad', 'negative']]);
    expect(pushes("It wasn't terrible", { wasn: -0.05, t: -0.05, terrible: 2 })).toEqual([
      ["wasn't terrible", 'positive'],
    ]);
    expect(pushes('never had a problem', { never: -0.1, problem: 1 })).toEqual([
      ['never had a problem', 'positive'],
    ]);
    expect(pushes('never, problem', { never: -0.1, problem: 1 })).toEqual([
      ['problem', 'positive'],
    ]);
    expect(pushes('not near a computer', { not: -1 })).toEqual([['not', 'negative']]);
  });

  it('every negator form starts the phrase after it, and words that only look like one do not', () => {
    const negators = ['No', 'not', 'NEVER', 'Nothing', 'without', 'Cannot', "won't", 'needn’t'];
    const lookalikes = ['now', 'nope', 'novel', 'winning', 'canned', 'cant', 'wont', "it's"];
    const phraseOf = (word: string) => explain(`${word} bad`, { bad: 1 }).phrases[0]?.text;
    for (const word of negators) expect(phraseOf(word)).toBe(`${word} bad`);
    for (const word of lookalikes) expect(phraseOf(word)).toBe('bad');
  });

  it('does not bridge a glue word that pulls the other way by more than the floor', () => {
    const { phrases } = explain('great and cheap', { great: 2, and: -0.5, cheap: 2 });
    expect(phrases.map((phrase) => phrase.text)).toEqual(['great', 'cheap']);
  });

  it('a phrase never starts on a glue word, and one ending on a glue word takes the next word', () => {
    const { phrases } = explain('a total waste of money, and easy to break', {
      a: -0.5,
      waste: -3,
      of: -1.5,
      money: -0.4,
      and: 0.7,
      easy: 2,
      to: 0.5,
      break: -0.1,
    });
    expect(phrases.map((phrase) => [phrase.text, phrase.push])).toEqual([
      ['waste of money', 'negative'],
      ['easy', 'positive'],
    ]);
    expect(phrases[0]!.score).toBeCloseTo(-4.9);
  });

  it('shows line breaks inside a phrase as one space', () => {
    const { phrases } = explain('Highly\n\n  recommend', { highly: 1, recommend: 1 });
    expect(phrases[0]).toMatchObject({ text: 'Highly recommend', start: 0, end: 19 });
  });

  it('top reasons are the three strongest phrases each way, strongest first', () => {
    const text = 'good. great. superb. fine. bad. awful.';
    const { topReasons } = explain(text, {
      good: 1,
      great: 3,
      superb: 2,
      fine: 0.9,
      bad: -1,
      awful: -2,
    });
    expect(topReasons.positive.map((phrase) => phrase.text)).toEqual(['great', 'superb', 'good']);
    expect(topReasons.negative.map((phrase) => phrase.text)).toEqual(['awful', 'bad']);
  });
});
