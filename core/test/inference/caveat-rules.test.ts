import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Caveat } from '../../src/contracts/caveat.ts';
import {
  type CaveatSignals,
  caveatPrecedence,
  caveatSignals,
  caveatThresholds,
  decideCaveat,
  isForeignFunctionWord,
} from '../../src/inference/index.ts';
import { isPunctuationWord, wordSpans } from '../../src/inference/word-spans.ts';

/** A long, plain English review the model reads confidently. */
const readable: CaveatSignals = {
  nonLatinLetterShare: 0,
  contentTokens: 40,
  unknownShare: 0.05,
  knownWords: 38,
  foreignFunctionWords: 0,
  words: 38,
  margin: 0.4,
};
const t = caveatThresholds;

describe('decideCaveat', () => {
  it('gives no caveat to a readable, confident review', () => {
    expect(decideCaveat(readable, 'positive')).toBeNull();
  });

  it.each([
    ['not_english', { nonLatinLetterShare: t.nonLatinLetterShare }],
    ['not_english', { foreignFunctionWords: 6, words: 40 }],
    ['mostly_unknown_words', { unknownShare: t.unknownShare }],
    ['too_short', { knownWords: 0, contentTokens: 0, unknownShare: 0, words: 0 }],
    ['low_confidence', { margin: t.lowConfidenceMargin - 0.001 }],
  ] as const)('gives %s at its threshold', (code, change) => {
    expect(decideCaveat({ ...readable, ...change }, 'negative')?.code).toBe(code);
  });

  it('stays silent just inside each threshold', () => {
    const inside: Partial<CaveatSignals>[] = [
      { nonLatinLetterShare: t.nonLatinLetterShare - 0.01 },
      // one function word is not enough, however short the text
      { foreignFunctionWords: 1, words: 2, knownWords: 2 },
      // two are not enough in a long review
      { foreignFunctionWords: 2, words: 40 },
      { unknownShare: t.unknownShare - 0.01 },
      { knownWords: t.minKnownWords },
      { margin: t.lowConfidenceMargin },
    ];
    for (const change of inside)
      expect(decideCaveat({ ...readable, ...change }, 'positive')).toBeNull();
  });

  it('reports only the first caveat in precedence order', () => {
    expect(caveatPrecedence).toEqual([
      'not_english',
      'mostly_unknown_words',
      'too_short',
      'low_confidence',
    ]);
    const everything: CaveatSignals = {
      nonLatinLetterShare: 1,
      contentTokens: 3,
      unknownShare: 1,
      knownWords: 0,
      foreignFunctionWords: 0,
      words: 3,
      margin: 0.01,
    };
    expect(decideCaveat(everything, 'positive')?.code).toBe('not_english');
    expect(decideCaveat({ ...everything, nonLatinLetterShare: 0 }, 'positive')?.code).toBe(
      'mostly_unknown_words',
    );
    expect(
      decideCaveat({ ...everything, nonLatinLetterShare: 0, unknownShare: 0 }, 'positive')?.code,
    ).toBe('too_short');
  });

  it('says which way a weak verdict leans, in a message the contract accepts', () => {
    const caveat = decideCaveat({ ...readable, margin: 0.05 }, 'negative');
    expect(caveat?.message).toBe('Not sure: the review leans negative.');
    for (const code of caveatPrecedence) {
      const signals = {
        not_english: { nonLatinLetterShare: 1 },
        mostly_unknown_words: { unknownShare: 1 },
        too_short: { knownWords: 0 },
        low_confidence: { margin: 0 },
      }[code];
      const made = decideCaveat({ ...readable, ...signals }, 'positive');
      expect(made?.code).toBe(code);
      expect(Caveat.parse(made)).toEqual(made);
    }
  });
});

describe('caveatSignals', () => {
  const unk = 1;
  /** A toy vocabulary: the listed words are known, everything else is [UNK]. */
  const encode = (text: string, known: string[]) => {
    const spans = wordSpans(text);
    const ids = spans.map((s) => (known.includes(s.word) ? 2 : unk));
    return { ids, spans, unknownCount: ids.filter((id) => id === unk).length };
  };
  const signals = (text: string, known: string[], p = 0.9) =>
    caveatSignals(text, encode(text, known), unk, isForeignFunctionWord, p);

  it('leaves punctuation out of the unknown share and counts only letters as words', () => {
    const s = signals('Love it!!! 10/10', ['love', 'it', '10']);
    expect(s.contentTokens).toBe(4);
    expect(s.unknownShare).toBe(0);
    expect(s.knownWords).toBe(2);
    expect(s.words).toBe(2);
    expect(s.margin).toBeCloseTo(0.4);
  });

  it('counts emoji as unknown content, not as words', () => {
    const s = signals('😡👎💩', []);
    expect(s).toMatchObject({ contentTokens: 1, unknownShare: 1, knownWords: 0, words: 0 });
    expect(decideCaveat(s, 'positive')?.code).toBe('mostly_unknown_words');
  });

  it('measures the share of letters outside the Latin script', () => {
    expect(signals('质量太差了', []).nonLatinLetterShare).toBe(1);
    expect(signals('Très déçu', []).nonLatinLetterShare).toBe(0);
    expect(signals('abcd Жж', []).nonLatinLetterShare).toBeCloseTo(2 / 6);
  });

  it('finds function words of other languages, accents stripped as the tokenizer does', () => {
    expect(
      signals('Très déçu, la batterie ne tient pas et le son est nul', []).foreignFunctionWords,
    ).toBe(6);
    expect(signals('Nicht sehr gut, und viel zu teuer', []).foreignFunctionWords).toBe(4);
    expect(signals('Não funciona, muito ruim', []).foreignFunctionWords).toBe(2);
    expect(signals('The non-stick pan is great, I do love it', []).foreignFunctionWords).toBe(0);
    expect(
      signals('Runs on Mac OS X and Windows, see the .com site', []).foreignFunctionWords,
    ).toBe(0);
  });

  it('falls back to id counts when the tokenizer split words into pieces', () => {
    const s = caveatSignals(
      'unbelievably good',
      { ids: [5, unk, 7], spans: [], unknownCount: 1 },
      unk,
      isForeignFunctionWord,
      0.8,
    );
    expect(s).toMatchObject({ contentTokens: 3, knownWords: 2, words: 2 });
    expect(s.unknownShare).toBeCloseTo(1 / 3);
  });
});

describe('the character-code paths agree with the Unicode classes they stand for', () => {
  /** ASCII, accented Latin, other scripts, astral punctuation and symbols, lone surrogates. */
  const text = fc.string({
    unit: fc.oneof(
      fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }),
      fc.constantFrom('é', 'Ж', '质', 'ß', '\u{10100}', '😀', '\uD800', '¿', '—', '\u0301'),
    ),
    maxLength: 40,
  });

  it('isPunctuationWord is the one-punctuation-character rule', () => {
    const rule = /^[\p{P}\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]$/u;
    fc.assert(fc.property(text, (word) => isPunctuationWord(word) === rule.test(word)));
  });

  it('letters and their share outside the Latin script are counted as the regexes count them', () => {
    fc.assert(
      fc.property(text, (review) => {
        const encoded = { ids: [] as number[], spans: [], unknownCount: 0 };
        const all = review.match(/\p{L}/gu)?.length ?? 0;
        const nonLatin = review.match(/(?!\p{Script=Latin})\p{L}/gu)?.length ?? 0;
        const { nonLatinLetterShare, words } = caveatSignals(
          review,
          encoded,
          1,
          isForeignFunctionWord,
          0.9,
        );
        expect(nonLatinLetterShare).toBe(all === 0 ? 0 : nonLatin / all);
        expect(words).toBe(0);
      }),
    );
  });

  it('a word counts as a word exactly when it holds a letter', () => {
    fc.assert(
      fc.property(text, (review) => {
        const spans = wordSpans(review);
        const encoded = { ids: spans.map(() => 2), spans, unknownCount: 0 };
        const expected = spans.filter(
          (span) => !isPunctuationWord(span.word) && /\p{L}/u.test(span.word),
        ).length;
        expect(caveatSignals(review, encoded, 1, isForeignFunctionWord, 0.9).words).toBe(expected);
      }),
    );
  });
});
