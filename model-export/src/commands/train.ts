import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { ModelConfig } from '@polarity/core/inference';
import { loadDataset } from '../data/load-dataset.ts';
import { afinnBaseline, type Scorer, tfidfLogisticBaseline } from '../evaluate/baselines.ts';
import { type Evaluation, evaluate } from '../evaluate/evaluation.ts';
import { loadSentenceSetsIfPresent } from '../evaluate/sentence-sets.ts';
import {
  figureMetrics,
  figuresTable,
  measureVersion,
  type VersionFigures,
} from '../evaluate/version-figures.ts';
import { padTokenId, unkTokenId } from '../tokenizer/tokenizer-files.ts';
import { defaultHyperparameters, type Hyperparameters } from '../train/hyperparameters.ts';
import { score, sigmoid } from '../train/linear-model.ts';
import { type TrainedModel, trainModel } from '../train/train-model.ts';
import { exportVersion } from '../version/export-version.ts';
import { dataFingerprint } from '../version/fingerprint.ts';
import { trainingProfile } from '../version/training-profile.ts';
import { measureRegisteredVersion } from './evaluate.ts';
import {
  championVersion,
  listVersionsOrEmpty,
  modelName,
  openRegistry,
  repoRoot,
} from './registry-access.ts';

export const defaultDataPath = resolve(repoRoot, '..', 'shared', 'data', 'amazon-multidomain');
/** Out-of-domain sentences, measured only: never trained or tuned on. */
export const defaultSentencesPath = resolve(repoRoot, '..', 'shared', 'data', 'uci-sentences');

export interface TrainOptions {
  data: string;
  /**
   * More labelled reviews (e.g. `npm run model -- export-feedback`) added to the training split
   * only, so every reported figure stays on the canonical test split of `data`.
   */
  extra?: string;
  seed: number;
  skipBad: boolean;
  params: Hyperparameters;
  /** Folder of the out-of-domain sentence sets (see `evaluate/sentence-sets.ts`). */
  sentences: string;
  log: (line: string) => void;
}

interface TrainRun {
  trained: TrainedModel;
  config: ModelConfig;
  figures: VersionFigures;
  baselines: Record<string, Evaluation>;
}

/** Loads, trains, evaluates; `version` is what the registry will number it. */
async function runTraining(options: TrainOptions, version: string): Promise<TrainRun> {
  const { log, params, seed } = options;
  let skipped = 0;
  const loadOptions = {
    skipBad: options.skipBad,
    onSkip: (error: Error) => {
      skipped++;
      log(`skipped: ${error.message}`);
    },
  };
  const records = await loadDataset(options.data, loadOptions);
  if (options.extra) {
    const extra = await loadDataset(options.extra, loadOptions);
    log(`adding ${extra.length} records from ${options.extra} to the training split`);
    records.push(...extra.map((record) => ({ ...record, split: 'train' as const })));
  }
  if (skipped > 0) log(`skipped ${skipped} malformed records`);
  const fitOn = records.filter(
    (r) => r.split === 'train' || (params.refit_on_validation && r.split === 'validation'),
  );
  const trained = await trainModel(records, params, seed, (e) => {
    const validation =
      e.validationAccuracy === undefined
        ? ''
        : `  val acc ${e.validationAccuracy.toFixed(4)}  val title acc ${e.validationTitleAccuracy?.toFixed(4)}`;
    log(`${e.phase} epoch ${String(e.epoch).padStart(2)}  loss ${e.loss.toFixed(4)}${validation}`);
  });
  const model: Scorer = (text) => sigmoid(score(trained.model, trained.encoder.toDoc(text)));
  const test = records.filter((r) => r.split === 'test');
  const validation = records.filter((r) => r.split === 'validation');
  const figures = await measureVersion(
    async (texts) => texts.map(model),
    test,
    await loadSentenceSetsIfPresent(options.sentences, log),
  );
  const evaluation = figures.test;
  const baselines = {
    afinn: evaluate(afinnBaseline(), test),
    'tfidf-1-2gram-logreg': evaluate(tfidfLogisticBaseline(records, seed), test),
  };
  const config = ModelConfig.parse({
    model_type: 'polarity-linear',
    architectures: ['HashedBigramLogisticRegression'],
    id2label: { '0': 'negative', '1': 'positive' },
    label2id: { negative: 0, positive: 1 },
    max_length: params.max_length,
    pad_token_id: padTokenId,
    unk_token_id: unkTokenId,
    model_name: modelName,
    model_version: version,
    created_at: new Date().toISOString(),
    seed,
    training_data: {
      // The data set's name, not the path of the machine that trained: the digest below says
      // which bytes it was.
      source: basename(resolve(options.data)),
      sha256: dataFingerprint(fitOn),
      records: fitOn.length,
      skipped_records: skipped,
    },
    hyperparameters: params,
    metrics: {
      test_accuracy: evaluation.accuracy,
      test_macro_f1: evaluation.macroF1,
      test_title_only_accuracy: evaluation.titleOnlyAccuracy,
      test_ece: evaluation.ece,
      validation_accuracy: trained.validationAccuracy,
      validation_title_only_accuracy: trained.validationTitleAccuracy,
      per_domain_accuracy: evaluation.perDomain,
      confusion_matrix: evaluation.confusion.counts,
      ...figureMetrics(figures),
      baselines: Object.fromEntries(
        Object.entries(baselines).map(([name, e]) => [
          name,
          { test_accuracy: e.accuracy, test_title_only_accuracy: e.titleOnlyAccuracy },
        ]),
      ),
    },
    training_profile: trainingProfile(
      fitOn,
      trained.encoder,
      validation.map((r) => model(r.text)),
    ),
  });
  return { trained, config, figures, baselines };
}

function evaluationTable(rows: Record<string, Evaluation>): string {
  const lines = ['model                    accuracy  macro-F1  title-only  ECE'];
  for (const [name, e] of Object.entries(rows)) {
    lines.push(
      `${name.padEnd(24)} ${e.accuracy.toFixed(4).padStart(8)}  ${e.macroF1.toFixed(4).padStart(8)}  ${e.titleOnlyAccuracy.toFixed(4).padStart(10)}  ${e.ece.toFixed(4)}`,
    );
  }
  return lines.join('\n');
}

/**
 * `npm run train`: train, evaluate, export, register; the first version becomes champion. The
 * model card sets the new figures beside the champion's, measured again in this run.
 */
export async function trainCommand(
  options: TrainOptions & { out?: string; notes?: string },
): Promise<void> {
  const registry = openRegistry();
  const versions = await listVersionsOrEmpty(registry);
  const next = String(Math.max(0, ...versions.map((v) => Number(v.version))) + 1);
  const run = await runTraining(options, next);
  options.log(evaluationTable({ [modelName]: run.figures.test, ...run.baselines }));
  options.log(figuresTable(`version ${next} (reference scorer)`, run.figures));
  const champion = await championVersion(registry);
  const previous = champion && {
    version: champion,
    figures: await measureRegisteredVersion(
      registry,
      champion,
      options.data,
      options.sentences,
      options.log,
    ),
  };
  const notes = options.notes ? await readFile(options.notes, 'utf8') : undefined;
  const scratch = options.out ? undefined : await mkdtemp(join(tmpdir(), 'polarity-export-'));
  const dir = options.out ? resolve(options.out) : join(scratch!, next);
  try {
    await exportVersion(dir, run.trained, run.config, run.figures, {
      ...(previous ? { previous } : {}),
      ...(notes ? { notes } : {}),
    });
    options.log(`exported to ${dir}`);
    const m = run.config.metrics;
    const info = await registry.registerVersion(modelName, {
      dir,
      description: `test accuracy ${m.test_accuracy.toFixed(4)}, title-only ${m.test_title_only_accuracy.toFixed(4)}`,
      params: { ...options.params, seed: options.seed },
      metrics: {
        test_accuracy: m.test_accuracy,
        test_macro_f1: m.test_macro_f1,
        test_title_only_accuracy: m.test_title_only_accuracy,
        test_ece: m.test_ece,
        validation_accuracy: m.validation_accuracy,
      },
      tags: { training_data_sha256: run.config.training_data.sha256 },
    });
    if (info.version !== next) {
      throw new Error(
        `registry numbered the new version ${info.version}, but config.json says ${next} (concurrent registration?)`,
      );
    }
    options.log(`registered ${modelName} version ${info.version} (${info.source})`);
    if (champion === undefined) {
      await registry.setAlias(modelName, 'champion', info.version);
      options.log(`champion -> ${info.version}`);
    }
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

export function parseHyperparameters(overrides: string | undefined): Hyperparameters {
  if (!overrides) return defaultHyperparameters;
  const parsed: unknown = JSON.parse(overrides);
  const unknown = Object.keys(parsed as object).filter((key) => !(key in defaultHyperparameters));
  if (unknown.length > 0)
    throw new Error(`--params: unknown hyperparameters ${unknown.join(', ')}`);
  return { ...defaultHyperparameters, ...(parsed as Partial<Hyperparameters>) };
}
