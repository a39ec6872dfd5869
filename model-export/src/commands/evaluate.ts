import type { ModelRegistry } from '@polarity/core/registry';
import { loadDataset } from '../data/load-dataset.ts';
import { evaluate } from '../evaluate/evaluation.ts';
import { loadVersionClassifier } from './load-version.ts';
import { evaluationTable } from './train.ts';

/** Scores the test split with the registered version's ONNX model in onnxruntime-node. */
export async function evaluateCommand(
  registry: ModelRegistry,
  version: string,
  data: string,
  log: (line: string) => void,
): Promise<void> {
  const { classifier, config } = await loadVersionClassifier(registry, version);
  const test = (await loadDataset(data, { skipBad: true })).filter((r) => r.split === 'test');
  const texts = [...new Set(test.flatMap((r) => [r.text, r.title]))];
  const positive = new Map<string, number>();
  for (let i = 0; i < texts.length; i += 64) {
    const batch = texts.slice(i, i + 64);
    for (const [k, c] of (await classifier.classify(batch)).entries()) {
      positive.set(batch[k]!, c.probabilities.positive);
    }
  }
  const evaluation = evaluate((text) => positive.get(text)!, test);
  log(evaluationTable({ [`version ${version}`]: evaluation }));
  log(
    `recorded at training: accuracy ${config.metrics.test_accuracy.toFixed(4)}, title-only ${config.metrics.test_title_only_accuracy.toFixed(4)}, ECE ${config.metrics.test_ece.toFixed(4)}`,
  );
}
