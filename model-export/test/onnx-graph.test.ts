import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { fromFloat16Bits, toFloat16Bits } from '../src/onnx/float16.ts';
import { encodeModel } from '../src/onnx/onnx-model.ts';
import { scoringGraph } from '../src/onnx/scoring-graph.ts';
import {
  type FeatureSpace,
  featureCount,
  negatedTokens,
  tokenWeights,
  toSparseDoc,
} from '../src/train/features.ts';
import { score } from '../src/train/linear-model.ts';
import { seededRandom } from '../src/train/random.ts';

const plain: FeatureSpace = { vocabSize: 50, bigramBuckets: 97, bigramPrime: 1_000_003 };
const negating: FeatureSpace = {
  ...plain,
  negation: { triggerIds: [3, 4, 5], boundaryIds: [6, 7] },
  trigramBuckets: 89,
};
const negatingSome: FeatureSpace = {
  ...negating,
  negation: { ...negating.negation!, negatableIds: [10, 13, 20, 21, 22, 23] },
};
const contrasting: FeatureSpace = {
  ...plain,
  contrast: { triggerIds: [8], boundaryIds: [6], weight: 0.75 },
};
const everything: FeatureSpace = { ...negatingSome, contrast: contrasting.contrast! };
const maxLength = 512;

function randomWeights(seed: number, space: FeatureSpace = plain) {
  const random = seededRandom(seed);
  const table = Uint16Array.from({ length: featureCount(space) }, () =>
    toFloat16Bits(random() * 4 - 2),
  );
  return { space, table, bias: Math.fround(0.25), alpha: Math.fround(0.3), maxLength };
}

async function run(bytes: Uint8Array, rows: number[][]) {
  const session = await ort.InferenceSession.create(bytes);
  const width = Math.max(1, ...rows.map((r) => r.length));
  const ids = new BigInt64Array(rows.length * width);
  const mask = new BigInt64Array(rows.length * width);
  for (const [r, row] of rows.entries()) {
    for (const [t, id] of row.entries()) {
      ids[r * width + t] = BigInt(id);
      mask[r * width + t] = 1n;
    }
  }
  const out = await session.run({
    input_ids: new ort.Tensor('int64', ids, [rows.length, width]),
    attention_mask: new ort.Tensor('int64', mask, [rows.length, width]),
  });
  return {
    width,
    logits: out.logits!.data as Float32Array,
    tokenScores: out.token_scores!.data as Float32Array,
  };
}

describe('scoring graph', () => {
  it.each([
    ['without', plain],
    ['with', negating],
    ['with (some words negatable)', negatingSome],
    ['with a contrast scope and without', contrasting],
    ['with a contrast scope and with', everything],
  ])(
    'matches the reference scorer %s a negation scope on padded batches, and token scores sum to the logit gap',
    async (_, space) => {
      const weights = randomWeights(7, space);
      const random = seededRandom(3);
      const rows = [
        [],
        [5],
        [9, 12],
        [3, 10, 11, 6, 12, 4, 4, 13, 7, 14],
        // One trigger and no boundary: the scan must carry the scope to the last of 511 tokens.
        [3, ...Array.from({ length: 510 }, () => 8 + Math.floor(random() * 40))],
        ...Array.from({ length: 6 }, (_, i) =>
          Array.from({ length: 3 + i * 7 }, () => Math.floor(random() * 50)),
        ),
      ];
      const { width, logits, tokenScores } = await run(
        encodeModel(scoringGraph(weights), 'test'),
        rows,
      );
      const reference = {
        weights: Float64Array.from(weights.table, fromFloat16Bits),
        bias: weights.bias,
        alpha: weights.alpha,
      };
      if (space === contrasting) {
        // "a b but c d . e": c and d weigh 1.75, the rest (the trigger too) 1.
        expect(Array.from(tokenWeights(space, [9, 10, 8, 11, 12, 6, 13]))).toEqual([
          1, 1, 1, 1.75, 1.75, 1, 1,
        ]);
      }
      if (space === negating) {
        expect(Array.from(negatedTokens(space.negation!, rows[3]!))).toEqual([
          0, 1, 1, 0, 0, 0, 1, 1, 0, 0,
        ]);
        expect(
          negatedTokens(space.negation!, rows[4]!)
            .slice(1)
            .every((n) => n === 1),
        ).toBe(true);
      }
      rows.forEach((row, r) => {
        const expected = score(reference, toSparseDoc(space, row));
        const gap = logits[r * 2 + 1]! - logits[r * 2]!;
        expect(Math.abs(gap - expected)).toBeLessThanOrEqual(1e-5);
        const shares = Array.from(tokenScores.slice(r * width, (r + 1) * width));
        expect(shares.slice(row.length).every((s) => s === 0)).toBe(true);
        expect(
          Math.abs(shares.reduce((a, b) => a + b, 0) + weights.bias - gap),
        ).toBeLessThanOrEqual(1e-5);
      });
    },
  );

  it('serialises identically for identical weights', () => {
    expect(encodeModel(scoringGraph(randomWeights(1, negating)), 'x')).toEqual(
      encodeModel(scoringGraph(randomWeights(1, negating)), 'x'),
    );
  });

  it('rounds float16 to nearest even and round-trips', () => {
    expect(fromFloat16Bits(toFloat16Bits(1))).toBe(1);
    expect(fromFloat16Bits(toFloat16Bits(1 + 2 ** -11))).toBe(1);
    expect(fromFloat16Bits(toFloat16Bits(-0.333251953125))).toBe(-0.333251953125);
    expect(fromFloat16Bits(toFloat16Bits(1e-7))).toBeCloseTo(1.1920928955078125e-7, 12);
  });
});
