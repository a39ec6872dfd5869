import type { InferenceSession, Tensor } from 'onnxruntime-common';
import type { Classification, TokenContribution } from '../contracts/classification.ts';
import type { ModelConfig } from '../contracts/model.ts';
import { decideCaveat, isForeignFunctionWord } from './caveat-rules.ts';
import { caveatSignals } from './caveat-signals.ts';
import type { EncodedText, ReviewTokenizer } from './review-tokenizer.ts';

/** The `ort.Tensor` constructor of whichever runtime the caller loaded (web or node). */
export type TensorConstructor = new (
  type: 'int64',
  data: BigInt64Array,
  dims: readonly number[],
) => Tensor;

/** The part of an `ort.InferenceSession` used here. */
export type SessionLike = Pick<InferenceSession, 'run'>;

export interface ClassifierOptions {
  tensor: TensorConstructor;
  session: SessionLike;
  tokenizer: ReviewTokenizer;
  config: Pick<ModelConfig, 'id2label'>;
}

export interface Classifier {
  classify(texts: readonly string[]): Promise<Classification[]>;
}

/** Softmax over two logits in float64; the pair sums to 1 up to rounding. */
export function softmax2(
  negative: number,
  positive: number,
): { negative: number; positive: number } {
  const pPositive = 1 / (1 + Math.exp(negative - positive));
  return { negative: 1 - pPositive, positive: pPositive };
}

/** Whether this machine stores the low half of an int64 first, as x86 and ARM do. */
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * int64 ids written as their two 32-bit halves (ids are non-negative and far below 2^31, so the
 * high half stays 0): assigning a BigInt64Array element converts a bigint per token, which cost
 * a 1,000-character review about 4 µs on the server. A big-endian machine takes the bigints.
 */
function writeIds(ids: BigInt64Array, at: number, rowIds: readonly number[]): void {
  if (!littleEndian) {
    for (let t = 0; t < rowIds.length; t++) ids[at + t] = BigInt(rowIds[t]!);
    return;
  }
  const halves = new Int32Array(ids.buffer, ids.byteOffset, ids.length * 2);
  for (let t = 0; t < rowIds.length; t++) halves[2 * (at + t)] = rowIds[t]!;
}

function toInputs(tensor: TensorConstructor, encoded: readonly EncodedText[]) {
  // Padded to the longest text, and at least one position so empty texts still give a tensor.
  let width = 1;
  for (const e of encoded) width = Math.max(width, e.ids.length);
  const ids = new BigInt64Array(encoded.length * width);
  const mask = new BigInt64Array(encoded.length * width);
  for (let row = 0; row < encoded.length; row++) {
    const rowIds = encoded[row]!.ids;
    const base = row * width;
    writeIds(ids, base, rowIds);
    mask.fill(1n, base, base + rowIds.length);
  }
  const dims = [encoded.length, width];
  return {
    width,
    feeds: {
      input_ids: new tensor('int64', ids, dims),
      attention_mask: new tensor('int64', mask, dims),
    },
  };
}

function explanationOf(
  spans: EncodedText['spans'],
  scores: Float32Array,
  offset: number,
): TokenContribution[] {
  const explanation = new Array<TokenContribution>(spans.length);
  for (let t = 0; t < spans.length; t++) {
    const span = spans[t]!;
    explanation[t] = {
      token: span.word,
      start: span.start,
      end: span.end,
      score: scores[offset + t]!,
    };
  }
  return explanation;
}

export function createClassifier({
  tensor,
  session,
  tokenizer,
  config,
}: ClassifierOptions): Classifier {
  return {
    async classify(texts) {
      if (texts.length === 0) return [];
      const encoded = texts.map((text) => tokenizer.encode(text));
      const { width, feeds } = toInputs(tensor, encoded);
      const outputs = await session.run(feeds);
      const logits = outputs.logits?.data as Float32Array | undefined;
      const scores = outputs.token_scores?.data as Float32Array | undefined;
      if (!logits || !scores) throw new Error('model output lacks "logits" or "token_scores"');
      return encoded.map((e, row) => {
        const probabilities = softmax2(logits[row * 2]!, logits[row * 2 + 1]!);
        const positive = probabilities.positive >= probabilities.negative;
        const label = positive ? config.id2label['1'] : config.id2label['0'];
        return {
          label,
          confidence: positive ? probabilities.positive : probabilities.negative,
          probabilities,
          explanation: explanationOf(e.spans, scores, row * width),
          tokenCount: e.ids.length,
          unknownTokenRate: e.ids.length === 0 ? 0 : e.unknownCount / e.ids.length,
          caveat: decideCaveat(
            caveatSignals(
              texts[row]!,
              e,
              tokenizer.unkTokenId,
              isForeignFunctionWord,
              probabilities.positive,
            ),
            label,
          ),
        };
      });
    },
  };
}
