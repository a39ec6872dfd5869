import type { Classification } from '@polarity/core/contracts';
import { caveatThresholds } from '@polarity/core/inference';
import type { ModelRegistry } from '@polarity/core/registry';
import {
  type CaveatFigures,
  caveatFigures,
  caveatFiguresTable,
} from '../caveats/caveat-figures.ts';
import { loadDataset } from '../data/load-dataset.ts';
import type { ReviewRecord, Split } from '../data/review-record.ts';
import { loadVersionClassifier } from './load-version.ts';

/** Big enough to keep onnxruntime busy, small enough that padding to the longest stays cheap. */
const batchSize = 64;

/** The caveat figures of a registered version on the validation and test splits. */
export async function measureCaveats(
  registry: ModelRegistry,
  version: string,
  data: string,
): Promise<{ validation: CaveatFigures; test: CaveatFigures; refitOnValidation: boolean }> {
  const { classifier, config } = await loadVersionClassifier(registry, version);
  const records = await loadDataset(data, { skipBad: true });
  const measure = async (split: Split) => {
    const inSplit = records.filter((r) => r.split === split);
    const classifications: Classification[] = [];
    for (let i = 0; i < inSplit.length; i += batchSize) {
      const batch: ReviewRecord[] = inSplit.slice(i, i + batchSize);
      classifications.push(...(await classifier.classify(batch.map((r) => r.text))));
    }
    return caveatFigures(classifications, inSplit);
  };
  return {
    validation: await measure('validation'),
    test: await measure('test'),
    refitOnValidation: config.hyperparameters.refit_on_validation === true,
  };
}

/** `npm run model -- caveats <version>`: thresholds are tuned on validation, test is reported. */
export async function caveatsCommand(
  registry: ModelRegistry,
  version: string,
  data: string,
  log: (line: string) => void,
): Promise<void> {
  const figures = await measureCaveats(registry, version, data);
  log(`caveat thresholds: ${JSON.stringify(caveatThresholds)}`);
  if (figures.refitOnValidation) {
    log(
      `version ${version} was refit on train + validation: its validation figures are in-sample; tune on a fit with "refit_on_validation": false (see core/src/inference/caveat-rules.ts)`,
    );
  }
  log(caveatFiguresTable(`version ${version}, validation`, figures.validation));
  log(caveatFiguresTable(`version ${version}, test`, figures.test));
}
