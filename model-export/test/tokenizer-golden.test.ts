import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReviewTokenizer, wordSpans } from '@polarity/core/inference';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTokenizerFolder } from '../src/tokenizer/load-tokenizer.ts';
import {
  tokenizerConfigJson,
  tokenizerJson,
  unkTokenId,
} from '../src/tokenizer/tokenizer-files.ts';

const words = ['great', 'cafe', 'naive', 'the', '!', "'", 't', 'don', '.', 'a', ',', 'x'];
let pretrained: Awaited<ReturnType<typeof loadTokenizerFolder>>;

beforeAll(async () => {
  const dir = join(await mkdtemp(join(tmpdir(), 'golden-')), 'tok');
  await mkdir(dir);
  await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(tokenizerJson(words, 8)));
  await writeFile(join(dir, 'tokenizer_config.json'), JSON.stringify(tokenizerConfigJson(8)));
  pretrained = await loadTokenizerFolder(dir);
});

const encode = (text: string) =>
  createReviewTokenizer(pretrained, { maxLength: 8, unkTokenId }).encode(text);

describe('tokenizer golden ids', () => {
  it.each([
    ['plain text', 'the cafe', [5, 3]],
    ['punctuation', "Don't!", [9, 7, 8, 6]],
    ['accents and case', 'CAFÉ Naïve', [3, 4]],
    ['emoji and unknown words', 'great 😀 zebra', [2, 1, 1]],
    ['empty string', '', []],
  ])('%s', (_, text, ids) => {
    expect(pretrained.encode(text, { add_special_tokens: false })).toEqual(ids);
    expect(encode(text).ids).toEqual(ids);
  });

  it('truncates a 20,000-character text on the right to max_length', () => {
    const text = 'great, the cafe! '.repeat(1200).slice(0, 20_000);
    expect(encode(text).ids).toEqual([2, 12, 5, 3, 6, 2, 12, 5]);
  });

  it('aligns words back to the original text', () => {
    const text = '  CAFÉ x\u200dx, great😀';
    const spans = wordSpans(text);
    expect(spans.map((s) => [s.word, text.slice(s.start, s.end)])).toEqual([
      ['cafe', 'CAFÉ'],
      ['xx', 'x\u200dx'],
      [',', ','],
      ['great😀', 'great😀'],
    ]);
    expect(encode(text).spans).toHaveLength(4);
  });
});
