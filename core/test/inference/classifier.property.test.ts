import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BertTokenizer } from '@huggingface/transformers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Classification } from '../../src/contracts/classification.ts';
import {
  createClassifier,
  createReviewTokenizer,
  ModelConfig,
  type SessionLike,
  softmax2,
} from '../../src/inference/index.ts';

const versionDir = fileURLToPath(
  new URL('../../../registry/polarity-sentiment/1/', import.meta.url),
);
const readJson = (file: string) =>
  JSON.parse(readFileSync(`${versionDir}${file}`, 'utf8')) as Record<string, unknown>;
const config = ModelConfig.parse(readJson('config.json'));
const tokenizer = createReviewTokenizer(
  new BertTokenizer(readJson('tokenizer.json'), readJson('tokenizer_config.json')),
  {
    maxLength: config.max_length,
    unkTokenId: config.unk_token_id,
  },
);

/** Stands in for ort.Tensor: keeps what the classifier hands to the session. */
class FakeTensor {
  constructor(
    readonly type: 'int64',
    readonly data: BigInt64Array,
    readonly dims: readonly number[],
  ) {}
}

interface Feeds {
  input_ids: FakeTensor;
  attention_mask: FakeTensor;
}

/**
 * A model whose outputs depend only on the unmasked ids of each row, as a real one must: any
 * leak of padding into the result shows up as a batch-vs-alone difference. `scale` pushes the
 * logits to extremes so the softmax meets overflow.
 */
function fakeSession(scale: number, seen: Feeds[] = []): SessionLike {
  return {
    async run(feeds) {
      const { input_ids: ids, attention_mask: mask } = feeds as unknown as Feeds;
      seen.push({ input_ids: ids, attention_mask: mask });
      const [rows = 0, width = 0] = ids.dims;
      const logits = new Float32Array(rows * 2);
      const scores = new Float32Array(rows * width);
      for (let row = 0; row < rows; row++) {
        let sum = 0;
        for (let t = 0; t < width; t++) {
          if (mask.data[row * width + t] === 0n) continue;
          const id = Number(ids.data[row * width + t]);
          const score = ((id % 7) - 3) / 3;
          scores[row * width + t] = score;
          sum += score;
        }
        logits[row * 2] = -sum * scale;
        logits[row * 2 + 1] = sum * scale;
      }
      return { logits: { data: logits }, token_scores: { data: scores } } as never;
    },
  };
}

const classifierWith = (scale: number, seen?: Feeds[]) =>
  createClassifier({
    tensor: FakeTensor as never,
    session: fakeSession(scale, seen),
    tokenizer,
    config,
  });

/** Any text a user could paste, and worse: full Unicode, lone surrogates, controls, bidi and zero-width marks. */
const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({
    unit: fc.constantFrom(
      '\u200B',
      '\u200D',
      '\uFEFF',
      '\u202E',
      '\u0000',
      '\uD800',
      '\uDC00',
      'é',
      'e\u0301',
      '😀',
      '👍🏽',
      '中',
      ' ',
      '\n',
      '[UNK]',
      '[PAD]',
      '##',
      'a',
      '!',
    ),
    maxLength: 60,
  }),
  fc.string({ unit: 'grapheme-ascii', minLength: 600, maxLength: 1500 }),
);

describe('createClassifier (properties)', () => {
  it('never throws; probabilities sum to 1 within 1e-9; explanation offsets lie inside the text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(hostileText, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(0.01, 1, 50, 1e6),
        async (texts, scale) => {
          const results = await classifierWith(scale).classify(texts);
          expect(results).toHaveLength(texts.length);
          results.forEach((result, i) => {
            const text = texts[i]!;
            Classification.parse(result);
            const { negative, positive } = result.probabilities;
            expect(Math.abs(negative + positive - 1)).toBeLessThanOrEqual(1e-9);
            expect(result.confidence).toBe(Math.max(negative, positive));
            // Plain checks per token (hundreds per text); one assertion names the first bad span.
            let previousEnd = 0;
            const misplaced = result.explanation.find((token) => {
              const bad =
                token.start < previousEnd ||
                token.end <= token.start ||
                token.end > text.length ||
                !Number.isFinite(token.score);
              previousEnd = token.end;
              return bad;
            });
            expect(
              misplaced,
              `span outside or overlapping in a text of ${text.length}`,
            ).toBeUndefined();
            expect(result.explanation.length).toBeLessThanOrEqual(config.max_length);
          });
        },
      ),
      { numRuns: 100 },
    );
  }, 60_000);

  it('scores a text the same alone and padded inside a batch', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 120 }), { minLength: 2, maxLength: 5 }),
        async (texts) => {
          const classifier = classifierWith(1);
          const batch = await classifier.classify(texts);
          for (const [i, text] of texts.entries()) {
            const [alone] = await classifier.classify([text]);
            expect(batch[i]).toEqual(alone);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('pads every row to the longest with id 0 and mask 0, and sends one position for empty texts', async () => {
    const seen: Feeds[] = [];
    const texts = ['great', 'not great at all, sadly', ''];
    await classifierWith(1, seen).classify(texts);
    const [feeds] = seen;
    const lengths = texts.map((text) => tokenizer.encode(text).ids.length);
    const width = Math.max(1, ...lengths);
    expect(feeds!.input_ids.dims).toEqual([3, width]);
    expect(feeds!.attention_mask.dims).toEqual([3, width]);
    lengths.forEach((length, row) => {
      const mask = [...feeds!.attention_mask.data.slice(row * width, (row + 1) * width)];
      const ids = [...feeds!.input_ids.data.slice(row * width, (row + 1) * width)];
      expect(mask).toEqual([...Array(length).fill(1n), ...Array(width - length).fill(0n)]);
      expect(ids.slice(length)).toEqual(Array(width - length).fill(0n));
    });
    expect(await classifierWith(1).classify([])).toEqual([]);
  });

  it('truncates to max_length tokens and keeps offsets of the kept words', async () => {
    const text = Array.from({ length: config.max_length + 50 }, (_, i) => `word${i % 10}`).join(
      ' ',
    );
    const [result] = await classifierWith(1).classify([text]);
    expect(result!.tokenCount).toBe(config.max_length);
    const last = result!.explanation.at(-1)!;
    expect(text.slice(last.start, last.end)).toBe(`word${(config.max_length - 1) % 10}`);
  });
});

describe('softmax2 (properties)', () => {
  it('is a probability pair for any finite logits, and symmetric', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (a, b) => {
          const p = softmax2(a, b);
          expect(p.negative).toBeGreaterThanOrEqual(0);
          expect(p.positive).toBeLessThanOrEqual(1);
          expect(Math.abs(p.negative + p.positive - 1)).toBeLessThanOrEqual(1e-9);
          expect(Math.abs(softmax2(b, a).positive - p.negative)).toBeLessThanOrEqual(1e-9);
        },
      ),
    );
  });
});
