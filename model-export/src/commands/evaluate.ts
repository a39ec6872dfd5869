import type { ModelRegistry } from '@polarity/core/registry';
import type { BatchScorer } from '../behaviour/behaviour-suite.ts';
import { loadDataset } from '../data/load-dataset.ts';
import { loadSentenceSetsIfPresent } from '../evaluate/sentence-sets.ts';
import { figuresTable, measureVersion, type VersionFigures } from '../evaluate/version-figures.ts';
import { loadVersionClassifier } from './load-version.ts';
import { readConfig } from './model-commands.ts';

export async function versionScorer(
  registry: ModelRegistry,
  version: string,
): Promise<BatchScorer> {
  const { classifier } = await loadVersionClassifier(registry, version);
  return async (texts) => (await classifier.classify(texts)).map((c) => c.probabilities.positive);
}

/** Every figure of a registered version, from its ONNX model in onnxruntime-node. */
export async function measureRegisteredVersion(
  registry: ModelRegistry,
  version: string,
  data: string,
  sentences: string,
  log: (line: string) => void,
): Promise<VersionFigures> {
  const test = (await loadDataset(data, { skipBad: true })).filter((r) => r.split === 'test');
  const sets = await loadSentenceSetsIfPresent(sentences, log);
  return measureVersion(await versionScorer(registry, version), test, sets);
}

/** `npm run model -- evaluate <version>`: the figures, and what training recorded. */
export async function evaluateCommand(
  registry: ModelRegistry,
  version: string,
  data: string,
  sentences: string,
  log: (line: string) => void,
): Promise<void> {
  const figures = await measureRegisteredVersion(registry, version, data, sentences, log);
  log(figuresTable(`version ${version} (onnxruntime-node)`, figures));
  const m = (await readConfig(registry, version)).metrics;
  log(
    `recorded at training: accuracy ${m.test_accuracy.toFixed(4)}, title-only ${m.test_title_only_accuracy.toFixed(4)}, ECE ${m.test_ece.toFixed(4)}`,
  );
}
