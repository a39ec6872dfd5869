import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createReviewTokenizer,
  type PretrainedTokenizerLike,
  wholeWordVocabulary,
} from '@polarity/core/inference';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTokenizerFolder } from '../src/tokenizer/load-tokenizer.ts';
import {
  tokenizerConfigJson,
  tokenizerJson,
  unkTokenId,
} from '../src/tokenizer/tokenizer-files.ts';

const words = ['great', 'cafe', 'the', '!', "'", 't', 'don', '.', 'a', ',', 'x', '[', 'unk', ']'];
const maxLength = 64;
const shipped = tokenizerJson(words, maxLength);
let pretrained: PretrainedTokenizerLike;

beforeAll(async () => {
  const dir = join(await mkdtemp(join(tmpdir(), 'fast-path-')), 'tok');
  await mkdir(dir);
  await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(shipped));
  await writeFile(join(dir, 'tokenizer_config.json'), JSON.stringify(tokenizerConfigJson(8)));
  pretrained = await loadTokenizerFolder(dir);
});

/** Pieces of ASCII reviews, including the cases the lookup must get right. */
const piece = fc.constantFrom(
  ...words,
  'GREAT',
  'Cafe',
  'zebra',
  "don't",
  'x'.repeat(100),
  'a'.repeat(101),
  '[UNK]',
  '[PAD]',
  '[unk]',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '~',
  '`',
  '42',
  '-',
);

describe('whole-word fast path', () => {
  it('gives the same ids, spans and unknown count as the full tokenizer on ASCII texts', () => {
    const full = createReviewTokenizer(pretrained, { maxLength, unkTokenId });
    const fast = createReviewTokenizer(pretrained, {
      maxLength,
      unkTokenId,
      vocabulary: wholeWordVocabulary(shipped),
    });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('')),
          fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map(String.fromCharCode) }),
        ),
        (text) => {
          expect(fast.encode(text)).toEqual(full.encode(text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('skips the full tokenizer only for plain ASCII texts', () => {
    let calls = 0;
    const counting: PretrainedTokenizerLike = {
      encode: (text, options) => {
        calls++;
        return pretrained.encode(text, options);
      },
    };
    const fast = createReviewTokenizer(counting, {
      maxLength,
      unkTokenId,
      vocabulary: wholeWordVocabulary(shipped),
    });
    const text = 'The cafe, great!';
    const expected = pretrained.encode(text, { add_special_tokens: false });
    expect(fast.encode(text).ids).toEqual(expected);
    expect(calls).toBe(0);
    fast.encode('CAFÉ naïve');
    fast.encode('great\u000bcafe');
    expect(calls).toBe(2);
  });

  it('offers no vocabulary for tokenizers whose words are not one id each', () => {
    const json = shipped as { model: { vocab: Record<string, number> }; normalizer: object };
    expect(wholeWordVocabulary(shipped)?.ids.get('great')).toBeDefined();
    expect(
      wholeWordVocabulary({
        ...json,
        model: { ...json.model, vocab: { ...json.model.vocab, '##s': 99 } },
      }),
    ).toBeUndefined();
    expect(
      wholeWordVocabulary({ ...json, normalizer: { ...json.normalizer, lowercase: false } }),
    ).toBeUndefined();
    expect(wholeWordVocabulary({})).toBeUndefined();
  });
});
