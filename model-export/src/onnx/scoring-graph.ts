import { type FeatureSpace, trigramBase } from '../train/features.ts';
import { DataType, type GraphNode, type Initializer, type OnnxGraph } from './onnx-model.ts';

export interface ScoringWeights {
  space: FeatureSpace;
  /** float16 bits of the unigram + bigram table (temperature already folded in). */
  table: Uint16Array;
  bias: number;
  alpha: number;
  /** Longest input the tokenizer gives; the negation scope's scan covers that many tokens. */
  maxLength: number;
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

/** A [size] float table that is 1 at `ids` and 0 elsewhere. */
function indicator(name: string, size: number, ids: readonly number[]): Initializer {
  const raw = new Uint8Array(size * 4);
  const view = new DataView(raw.buffer);
  for (const id of ids) view.setFloat32(id * 4, 1, true);
  return { name, dataType: DataType.float, dims: [size], raw };
}

const node = (
  op: string,
  inputs: string[],
  outputs: string[],
  attributes?: GraphNode['attributes'],
): GraphNode => (attributes ? { op, inputs, outputs, attributes } : { op, inputs, outputs });

/**
 * `${name}_in_scope` (bool): a token is inside a scope when the triggers seen before it
 * outnumber those seen up to the last boundary: `cumsum(trigger) - trigger -
 * prefixmax(boundary * cumsum(trigger)) > 0`, the prefix max being a log-step scan (shift by
 * 1, 2, 4… and take the max) over `maxLength`.
 */
function scopeNodes(
  name: string,
  vocabSize: number,
  { triggerIds, boundaryIds }: { triggerIds: readonly number[]; boundaryIds: readonly number[] },
  maxLength: number,
) {
  const steps = Math.max(1, Math.ceil(Math.log2(maxLength)));
  const initializers: Initializer[] = [
    indicator(`${name}_triggers`, vocabSize, triggerIds),
    indicator(`${name}_boundaries`, vocabSize, boundaryIds),
  ];
  const nodes: GraphNode[] = [
    node('Gather', [`${name}_triggers`, 'input_ids'], [`${name}_trigger`]),
    node('Gather', [`${name}_boundaries`, 'input_ids'], [`${name}_boundary`]),
    node('CumSum', [`${name}_trigger`, 'axis_one'], [`${name}_triggers_so_far`]),
    node('Mul', [`${name}_boundary`, `${name}_triggers_so_far`], [`${name}_closed_at`]),
  ];
  let closed = `${name}_closed_at`;
  for (let step = 0; step < steps; step++) {
    nodes.push(
      node('Pad', [closed, `scan_pad_${step}`], [`${name}_padded_${step}`]),
      node(
        'Slice',
        [`${name}_padded_${step}`, 'zero', `scan_end_${step}`, 'sequence_axis'],
        [`${name}_shifted_${step}`],
      ),
      node('Max', [closed, `${name}_shifted_${step}`], [`${name}_closed_${step}`]),
    );
    closed = `${name}_closed_${step}`;
  }
  nodes.push(
    node('Sub', [`${name}_triggers_so_far`, `${name}_trigger`], [`${name}_triggers_before`]),
    node('Sub', [`${name}_triggers_before`, closed], [`${name}_open_triggers`]),
    node('Greater', [`${name}_open_triggers`, 'half'], [`${name}_in_scope`]),
  );
  return { initializers, nodes };
}

/** The shifts of the scopes' log-step scans, shared by every scope in the graph. */
function scanInitializers(maxLength: number): Initializer[] {
  const steps = Math.max(1, Math.ceil(Math.log2(maxLength)));
  return [
    int64s('axis_one', [1], []),
    int64s('sequence_axis', [1]),
    ...Array.from({ length: steps }, (_, step) => [
      int64s(`scan_pad_${step}`, [0, 2 ** step, 0, 0]),
      int64s(`scan_end_${step}`, [-(2 ** step)]),
    ]).flat(),
  ];
}

/** `unigram_ids`: input_ids, moved to the negated table (`+ V + H`) inside a negation scope. */
function negationNodes(space: FeatureSpace, maxLength: number) {
  const negation = space.negation!;
  const scope = scopeNodes('negation', space.vocabSize, negation, maxLength);
  const initializers: Initializer[] = [
    ...scope.initializers,
    ...(negation.negatableIds
      ? [indicator('negatable_words', space.vocabSize, negation.negatableIds)]
      : []),
    int64s('negated_offset', [space.vocabSize + space.bigramBuckets], []),
  ];
  const nodes: GraphNode[] = [
    ...scope.nodes,
    ...(negation.negatableIds
      ? [
          node(
            'Cast',
            ['negation_in_scope'],
            ['in_scope_f'],
            [{ name: 'to', int: DataType.float }],
          ),
          node('Gather', ['negatable_words', 'input_ids'], ['negatable']),
          node('Mul', ['in_scope_f', 'negatable'], ['negated']),
        ]
      : [node('Identity', ['negation_in_scope'], ['negated'])]),
    node('Cast', ['negated'], ['negated_i'], [{ name: 'to', int: DataType.int64 }]),
    node('Mul', ['negated_i', 'negated_offset'], ['negation_shift']),
    node('Add', ['input_ids', 'negation_shift'], ['unigram_ids']),
  ];
  return { initializers, nodes };
}

/** `token_weight`: 1 + weight inside a contrast scope ("…, but Y"), else 1. */
function contrastNodes(space: FeatureSpace, maxLength: number) {
  const contrast = space.contrast!;
  const scope = scopeNodes('contrast', space.vocabSize, contrast, maxLength);
  return {
    initializers: [...scope.initializers, float32('contrast_weight', contrast.weight)],
    nodes: [
      ...scope.nodes,
      node('Cast', ['contrast_in_scope'], ['contrast_f'], [{ name: 'to', int: DataType.float }]),
      node('Mul', ['contrast_f', 'contrast_weight'], ['contrast_extra']),
      node('Add', ['contrast_extra', 'one_f'], ['token_weight']),
    ],
  };
}

/**
 * `trigram_shares`: each trigram (t-2, t-1, t) weighs `table[B3 + ((a * P + b) mod H3 * P + c)
 * mod H3]`, a third of it to each of its tokens, masked by all three tokens' masks. The earlier
 * tokens come from shifting right (pad in front, cut the end), the shares back from shifting left.
 */
function trigramNodes(space: FeatureSpace) {
  const initializers: Initializer[] = [
    int64s('trigram_buckets', [space.trigramBuckets!], []),
    int64s('trigram_base', [trigramBase(space)], []),
    int64s('two', [2]),
    int64s('minus_two', [-2]),
    int64s('pad_before_two', [0, 2, 0, 0]),
    int64s('pad_after_two', [0, 0, 0, 2]),
    float32('third', 1 / 3),
  ];
  const shiftRight = (input: string, output: string, by: 1 | 2): GraphNode[] => [
    node('Pad', [input, by === 1 ? 'pad_before' : 'pad_before_two'], [`${output}_padded`]),
    node(
      'Slice',
      [`${output}_padded`, 'zero', by === 1 ? 'minus_one' : 'minus_two', 'one'],
      [output],
    ),
  ];
  const shiftLeft = (input: string, output: string, by: 1 | 2): GraphNode[] => [
    node('Pad', [input, by === 1 ? 'pad_after' : 'pad_after_two'], [`${output}_padded`]),
    node('Slice', [`${output}_padded`, by === 1 ? 'one' : 'two', 'to_end', 'one'], [output]),
  ];
  const nodes: GraphNode[] = [
    ...shiftRight('input_ids', 'ids_back_one', 1),
    ...shiftRight('input_ids', 'ids_back_two', 2),
    node('Mul', ['ids_back_two', 'bigram_prime'], ['tri_a_scaled']),
    node('Add', ['tri_a_scaled', 'ids_back_one'], ['tri_ab']),
    node('Mod', ['tri_ab', 'trigram_buckets'], ['tri_ab_bucket'], [{ name: 'fmod', int: 0 }]),
    node('Mul', ['tri_ab_bucket', 'bigram_prime'], ['tri_ab_scaled']),
    node('Add', ['tri_ab_scaled', 'input_ids'], ['tri_key']),
    node('Mod', ['tri_key', 'trigram_buckets'], ['tri_bucket'], [{ name: 'fmod', int: 0 }]),
    node('Add', ['tri_bucket', 'trigram_base'], ['trigram_index']),
    node('Gather', ['weights', 'trigram_index'], ['trigram_h']),
    node('Cast', ['trigram_h'], ['trigram'], [{ name: 'to', int: DataType.float }]),
    ...shiftRight('mask', 'mask_back_one', 1),
    ...shiftRight('mask', 'mask_back_two', 2),
    node('Mul', ['mask', 'mask_back_one'], ['tri_mask_partial']),
    node('Mul', ['tri_mask_partial', 'mask_back_two'], ['tri_mask']),
    node('Mul', ['trigram', 'tri_mask'], ['trigram_masked']),
    node('Mul', ['trigram_masked', 'third'], ['trigram_third']),
    ...shiftLeft('trigram_third', 'trigram_third_back_one', 1),
    ...shiftLeft('trigram_third', 'trigram_third_back_two', 2),
    node('Add', ['trigram_third', 'trigram_third_back_one'], ['trigram_partial']),
    node('Add', ['trigram_partial', 'trigram_third_back_two'], ['trigram_shares']),
  ];
  return { initializers, nodes };
}

/**
 * logit difference = bias + n^-alpha * sum_t (w[id_t] + sum of bigrams (t-1,t) and (t,t+1) / 2),
 * with the bigram hash `V + (prev * P + id) mod H` computed in the graph and every term masked
 * by attention_mask. token_scores holds each token's share, so they sum to logit_diff - bias.
 * Ops are all in onnxruntime-web's wasm build (opset 17).
 */
export function scoringGraph(weights: ScoringWeights): OnnxGraph {
  const { space, table, bias, alpha, maxLength } = weights;
  const negation = space.negation ? negationNodes(space, maxLength) : undefined;
  const trigrams = space.trigramBuckets ? trigramNodes(space) : undefined;
  const contrast = space.contrast ? contrastNodes(space, maxLength) : undefined;
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
    ...(negation || contrast ? scanInitializers(maxLength) : []),
    ...(negation?.initializers ?? []),
    ...(trigrams?.initializers ?? []),
    ...(contrast?.initializers ?? []),
  ];
  const nodes: GraphNode[] = [
    node('Cast', ['attention_mask'], ['mask'], [{ name: 'to', int: DataType.float }]),
    ...(negation?.nodes ?? []),
    node('Gather', ['weights', negation ? 'unigram_ids' : 'input_ids'], ['unigram_h']),
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
    ...(trigrams
      ? [
          node('Add', ['partial', 'share_of_second'], ['up_to_bigrams']),
          ...trigrams.nodes,
          node('Add', ['up_to_bigrams', 'trigram_shares'], ['token_raw']),
        ]
      : [node('Add', ['partial', 'share_of_second'], ['token_raw'])]),
    ...(contrast
      ? [...contrast.nodes, node('Mul', ['token_raw', 'token_weight'], ['token_weighted'])]
      : []),
    node('ReduceSum', ['mask', 'one'], ['length'], [{ name: 'keepdims', int: 1 }]),
    node('Max', ['length', 'one_f'], ['length_at_least_one']),
    node('Pow', ['length_at_least_one', 'minus_alpha'], ['length_scale']),
    node('Mul', [contrast ? 'token_weighted' : 'token_raw', 'length_scale'], ['token_scores']),
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
    // Version 1's text, byte for byte, when neither extension is in the graph.
    docString:
      negation || trigrams || contrast
        ? `Linear sentiment scorer over word unigrams${negation ? ' (negation-scoped)' : ''}, hashed word bigrams${trigrams ? ' and trigrams' : ''}${contrast ? ', weighted after a contrast word' : ''}.`
        : 'Linear sentiment scorer over word unigrams and hashed word bigrams.',
  };
}
