import type { ModelConfig } from '@polarity/core/inference';
import type { VersionFigures } from '../evaluate/version-figures.ts';
import { encodeModel } from '../onnx/onnx-model.ts';
import { scoringGraph } from '../onnx/scoring-graph.ts';
import { type CardContext, modelCard } from '../report/model-card.ts';
import { barsSvg, confusionMatrixSvg, reliabilitySvg } from '../report/svg-charts.ts';
import { tokenizerConfigJson, tokenizerJson } from '../tokenizer/tokenizer-files.ts';
import type { TrainedModel } from '../train/train-model.ts';
import { writeVersionFolder } from './version-folder.ts';

/**
 * Bumped when the graph layout changes; recorded in model.onnx as the producer version. 2 adds
 * the negation scope and trigrams; a model without them keeps layout 1, byte for byte.
 */
function graphVersion(trained: TrainedModel): string {
  const { negation, trigramBuckets } = trained.encoder.space;
  return negation || trigramBuckets ? '2' : '1';
}

export function modelBytes(trained: TrainedModel): Uint8Array {
  return encodeModel(
    scoringGraph({
      space: trained.encoder.space,
      table: trained.table,
      bias: trained.model.bias,
      alpha: trained.model.alpha,
      maxLength: trained.encoder.tokenizer.maxLength,
    }),
    graphVersion(trained),
  );
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export async function exportVersion(
  dir: string,
  trained: TrainedModel,
  config: ModelConfig,
  figures: VersionFigures,
  context: CardContext = {},
): Promise<Uint8Array> {
  const { test } = figures;
  const onnx = modelBytes(trained);
  const plots = {
    confusion: 'confusion-matrix.svg',
    reliability: 'reliability.svg',
    domains: 'per-domain-accuracy.svg',
  };
  const maxLength = config.max_length;
  await writeVersionFolder(dir, {
    'model.onnx': onnx,
    'tokenizer.json': JSON.stringify(tokenizerJson(trained.encoder.words, maxLength)),
    'tokenizer_config.json': json(tokenizerConfigJson(maxLength)),
    'config.json': json(config),
    'README.md': modelCard(config, plots, figures, context),
    [plots.confusion]: confusionMatrixSvg(test.confusion, ['negative', 'positive']),
    [plots.reliability]: reliabilitySvg(test.reliability),
    [plots.domains]: barsSvg('test accuracy per domain', test.perDomain),
  });
  return onnx;
}
