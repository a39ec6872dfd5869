import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createReviewTokenizer, ModelConfig } from '@polarity/core/inference';
import * as ort from 'onnxruntime-node';
import { repoRoot } from '../src/commands/registry-access.ts';
import { loadTokenizerFolder } from '../src/tokenizer/load-tokenizer.ts';

/** Median and p99 of scoring one 1,000-character review with the shipped version. */
const iterations = 2000;
const dir = join(repoRoot, 'registry', 'polarity-sentiment', process.argv[2] ?? '1');
const config = ModelConfig.parse(JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')));
const tokenizer = createReviewTokenizer(await loadTokenizerFolder(dir), {
  maxLength: config.max_length,
  unkTokenId: config.unk_token_id,
});
const session = await ort.InferenceSession.create(join(dir, 'model.onnx'));
const base =
  'I bought this blender for smoothies and it was great for the first month, but then the motor started to smell and the lid cracked. Customer service was slow to answer. ';
const review = base.repeat(Math.ceil(1000 / base.length)).slice(0, 1000);

function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(4)} ms  p99 ${at(0.99).toFixed(4)} ms`;
}

const tokenizeTimes: number[] = [];
const scoreTimes: number[] = [];
for (let i = 0; i < iterations + 200; i++) {
  const t0 = performance.now();
  const { ids } = tokenizer.encode(review);
  const t1 = performance.now();
  const dims = [1, ids.length];
  await session.run({
    input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), dims),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(ids.length).fill(1n), dims),
  });
  const t2 = performance.now();
  if (i >= 200) {
    tokenizeTimes.push(t1 - t0);
    scoreTimes.push(t2 - t1);
  }
}
console.log(
  `one 1,000-char review (${tokenizer.encode(review).ids.length} tokens), ${iterations} runs after 200 warm-up`,
);
console.log(`onnxruntime-node session.run: ${stats(scoreTimes)}`);
console.log(`tokenization:                 ${stats(tokenizeTimes)}`);
