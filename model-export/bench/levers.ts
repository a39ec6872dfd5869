/**
 * Weighs a training lever on data the choice may use: `npm run levers -w model-export --
 * '{"contrast_weight":0.5}'` prints, for version 2's hyperparameters with those overrides,
 * validation and title-only validation accuracy (fit on the training split), the behaviour
 * suite's weakest capability on that fit, and leave-one-domain-out accuracy: fit on three
 * domains' train + validation reviews, scored on the fourth domain's, averaged over the four.
 * The last stands in for the domains a model will meet and never saw; the test split and the UCI
 * sentence sets are not read.
 */
import { resolve } from 'node:path';
import { runBehaviourSuite } from '../src/behaviour/behaviour-suite.ts';
import { defaultDataPath, parseHyperparameters } from '../src/commands/train.ts';
import { loadDataset } from '../src/data/load-dataset.ts';
import { accuracy } from '../src/evaluate/metrics.ts';
import { score, sigmoid } from '../src/train/linear-model.ts';
import { type TrainedModel, trainModel } from '../src/train/train-model.ts';

const params = { ...parseHyperparameters(process.argv[2]), refit_on_validation: false };
const seed = 42;
const records = (await loadDataset(resolve(defaultDataPath), { skipBad: false })).filter(
  (r) => r.split !== 'test',
);
const ignore = () => {};
const scorer = (m: TrainedModel) => (text: string) =>
  sigmoid(score(m.model, m.encoder.toDoc(text)));

const fit = await trainModel(records, params, seed, ignore);
const suite = await runBehaviourSuite(async (texts) => texts.map(scorer(fit)));
const [weakest, weakestResult] = Object.entries(suite).sort(([, a], [, b]) => a.rate - b.rate)[0]!;

const domains = [...new Set(records.map((r) => r.domain))].sort();
const heldOut = [];
for (const domain of domains) {
  // The three other domains' validation reviews early-stop the fit, as validation does above.
  const model = await trainModel(
    records.filter((r) => r.domain !== domain),
    params,
    seed,
    ignore,
  );
  const target = records.filter((r) => r.domain === domain);
  const labels = target.map((r) => r.label);
  const positive = scorer(model);
  heldOut.push({
    domain,
    text: accuracy(
      target.map((r) => positive(r.text)),
      labels,
    ),
    title: accuracy(
      target.map((r) => positive(r.title)),
      labels,
    ),
  });
}
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
console.log(`overrides                 ${process.argv[2] ?? '{}'}`);
console.log(`validation accuracy       ${fit.validationAccuracy.toFixed(4)}`);
console.log(`validation title-only     ${fit.validationTitleAccuracy.toFixed(4)}`);
console.log(`weakest capability        ${weakest} ${weakestResult.rate.toFixed(3)}`);
console.log(`held-out domain accuracy  ${mean(heldOut.map((h) => h.text)).toFixed(4)}`);
console.log(`held-out domain titles    ${mean(heldOut.map((h) => h.title)).toFixed(4)}`);
for (const h of heldOut)
  console.log(`  ${h.domain.padEnd(12)} ${h.text.toFixed(4)}  titles ${h.title.toFixed(4)}`);
