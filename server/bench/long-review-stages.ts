/**
 * What each stage of a prediction costs in one process, without HTTP, the database or the
 * machine's other load in the way: the end-to-end predict bench moves by ±20 % between runs on
 * the shared cores, which hides any one stage's change. `npm run bench:stages -w server` bundles
 * it as the server is bundled (`benchBundles` in build/bundles.mjs) and runs it on node.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readableExplanation, shownTokens } from '@polarity/core/explanation';
import { repoRoot } from '../src/env.ts';
import { explanationJson } from '../src/models/explanation-json.ts';
import { createModelSession } from '../src/models/model-session.ts';
import { predictCases } from './predict.bench.ts';

const version = join(repoRoot, 'registry', 'polarity-sentiment', '1');
const file = async (name: string) => new Uint8Array(await readFile(join(version, name)));
const session = await createModelSession(
  {
    model: await file('model.onnx'),
    tokenizer: await file('tokenizer.json'),
    tokenizerConfig: await file('tokenizer_config.json'),
    config: await file('config.json'),
  },
  (name) => `shipped version 1: ${name}`,
);

/** Median µs per call over five timed runs of `calls`, after a warm-up. */
async function microseconds(stage: () => unknown, calls: number): Promise<number> {
  for (let i = 0; i < calls / 5; i++) await stage();
  const runs: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    for (let i = 0; i < calls; i++) await stage();
    runs.push(((performance.now() - started) * 1000) / calls);
  }
  return runs.sort((a, b) => a - b)[2]!;
}

try {
  for (const [name, text] of Object.entries(predictCases)) {
    const [classification] = await session.classify([text]);
    const all = classification!.explanation;
    const shown = shownTokens(text, all);
    const stages: [string, () => unknown, number][] = [
      ['classify: tokens, onnxruntime, caveat', () => session.classify([text]), 3_000],
      ['shownTokens', () => shownTokens(text, all), 20_000],
      ['shown tokens as JSON', () => explanationJson(shown), 20_000],
      ["readableExplanation (the app's)", () => readableExplanation(text, all), 20_000],
    ];
    console.log(`${name} review: ${all.length} tokens, ${shown.length} shown`);
    for (const [stage, run, calls] of stages) {
      console.log(`  ${stage.padEnd(40)} ${(await microseconds(run, calls)).toFixed(1)} µs`);
    }
  }
} finally {
  await session.release();
}
