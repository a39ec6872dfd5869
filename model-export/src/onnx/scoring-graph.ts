import type { FeatureSpace } from '../train/features.ts';
import { DataType, type GraphNode, type Initializer, type OnnxGraph } from './onnx-model.ts';

export interface ScoringWeights {
  space: FeatureSpace;
  /** float16 bits of the unigram + bigram table (temperature already folded in). */
  table: Uint16Array;
  bias: number;
  alpha: number;
}

function int64s(name: string, values: number[], dims: number[] = [values.length]): Initializer {
  const raw = new Uint8Array(values.length * 8);
  const view = new DataView(raw.buffer);
  for (const [i, v] of values.entries()) view.setBigInt64(i * 8, BigInt(v), true);
  return { name, dataType: DataType.int64, dims, raw };
}

function float32(name: string, value: number): Initializer {
  const raw = new Uint8Array(4);
  new DataView(raw.buffer).setFloat32(0, value, true);
  return { name, dataType: DataType.float, dims: [], raw };
}

const node = (
  op: string,
  inputs: string[],
  outputs: string[],
  attributes?: GraphNode['attributes'],
): GraphNode => (attributes ? { op, inputs, outputs, attributes } : { op, inputs, outputs });

/**
 * logit difference = bias + n^-alpha * sum_t (w[id_t] + sum of bigrams (t-1,t) and (t,t+1) / 2),
 * with the bigram hash `V + (prev * P + id) mod H` computed in the graph and every term masked
 * by attention_mask. token_scores holds each token's share, so they sum to logit_diff - bias.
 * Ops are all in onnxruntime-web's wasm build (opset 17).
 */
export function scoringGraph(weights: ScoringWeights): OnnxGraph {
  const { space, table, bias, alpha } = weights;
  const tableBytes = new Uint8Array(table.length * 2);
  const view = new DataView(tableBytes.buffer);
  for (const [i, bits] of table.entries()) view.setUint16(i * 2, bits, true);
  const initializers: Initializer[] = [
    { name: 'weights', dataType: DataType.float16, dims: [table.length], raw: tableBytes },
    int64s('bigram_prime', [space.bigramPrime], []),
    int64s('bigram_buckets', [space.bigramBuckets], []),
    int64s('vocab_size', [space.vocabSize], []),
    int64s('zero', [0]),
    int64s('one', [1]),
    int64s('minus_one', [-1]),
    int64s('to_end', [Number.MAX_SAFE_INTEGER]),
    int64s('pad_after', [0, 0, 0, 1]),
    int64s('pad_before', [0, 1, 0, 0]),
    float32('half', 0.5),
    float32('minus_half', -0.5),
    float32('one_f', 1),
    float32('minus_alpha', -alpha),
    float32('bias', bias),
  ];
  const nodes: GraphNode[] = [
    node('Cast', ['attention_mask'], ['mask'], [{ name: 'to', int: DataType.float }]),
    node('Gather', ['weights', 'input_ids'], ['unigram_h']),
    node('Cast', ['unigram_h'], ['unigram'], [{ name: 'to', int: DataType.float }]),
    node('Mul', ['unigram', 'mask'], ['unigram_masked']),
    node('Slice', ['input_ids', 'zero', 'minus_one', 'one'], ['prev_ids']),
    node('Slice', ['input_ids', 'one', 'to_end', 'one'], ['next_ids']),
    node('Mul', ['prev_ids', 'bigram_prime'], ['prev_scaled']),
    node('Add', ['prev_scaled', 'next_ids'], ['pair_key']),
    node('Mod', ['pair_key', 'bigram_buckets'], ['bucket'], [{ name: 'fmod', int: 0 }]),
    node('Add', ['bucket', 'vocab_size'], ['bigram_index']),
    node('Gather', ['weights', 'bigram_index'], ['bigram_h']),
    node('Cast', ['bigram_h'], ['bigram'], [{ name: 'to', int: DataType.float }]),
    node('Slice', ['mask', 'zero', 'minus_one', 'one'], ['prev_mask']),
    node('Slice', ['mask', 'one', 'to_end', 'one'], ['next_mask']),
    node('Mul', ['prev_mask', 'next_mask'], ['pair_mask']),
    node('Mul', ['bigram', 'pair_mask'], ['bigram_masked']),
    node('Mul', ['bigram_masked', 'half'], ['bigram_half']),
    node('Pad', ['bigram_half', 'pad_after'], ['share_of_first']),
    node('Pad', ['bigram_half', 'pad_before'], ['share_of_second']),
    node('Add', ['unigram_masked', 'share_of_first'], ['partial']),
    node('Add', ['partial', 'share_of_second'], ['token_raw']),
    node('ReduceSum', ['mask', 'one'], ['length'], [{ name: 'keepdims', int: 1 }]),
    node('Max', ['length', 'one_f'], ['length_at_least_one']),
    node('Pow', ['length_at_least_one', 'minus_alpha'], ['length_scale']),
    node('Mul', ['token_raw', 'length_scale'], ['token_scores']),
    node('ReduceSum', ['token_scores', 'one'], ['score_sum'], [{ name: 'keepdims', int: 1 }]),
    node('Add', ['score_sum', 'bias'], ['logit_diff']),
    node('Mul', ['logit_diff', 'minus_half'], ['logit_negative']),
    node('Mul', ['logit_diff', 'half'], ['logit_positive']),
    node('Concat', ['logit_negative', 'logit_positive'], ['logits'], [{ name: 'axis', int: 1 }]),
  ];
  return {
    name: 'polarity_sentiment',
    nodes,
    initializers,
    inputs: [
      { name: 'input_ids', elemType: DataType.int64, dims: ['batch', 'sequence'] },
      { name: 'attention_mask', elemType: DataType.int64, dims: ['batch', 'sequence'] },
    ],
    outputs: [
      { name: 'logits', elemType: DataType.float, dims: ['batch', 2] },
      { name: 'token_scores', elemType: DataType.float, dims: ['batch', 'sequence'] },
    ],
    opset: 17,
    docString: 'Linear sentiment scorer over word unigrams and hashed word bigrams.',
  };
}
