import type { ModelConfig } from '@polarity/core/inference';
import type { VersionFigures } from '../evaluate/version-figures.ts';

const pct = (value: number) => `${(100 * value).toFixed(2)} %`;

export interface CardContext {
  /** The champion when this version was trained, measured again in the same run. */
  previous?: { version: string; figures: VersionFigures };
  /** Markdown: what changed and what was tried (`npm run train -- --notes FILE`). */
  notes?: string;
}

/** One row per figure, this version beside the previous champion when there is one. */
function figuresSection(version: string, figures: VersionFigures, context: CardContext): string {
  const before = context.previous?.figures;
  const rows: [string, (f: VersionFigures) => number | undefined][] = [
    ['test accuracy', (f) => f.test.accuracy],
    ['test ECE', (f) => f.test.ece],
    ['title-only accuracy', (f) => f.test.titleOnlyAccuracy],
    ['title-only ECE', (f) => f.test.titleOnlyEce],
    ...Object.keys(figures.sentenceSets).flatMap((name): typeof rows => [
      [`${name} accuracy`, (f) => f.sentenceSets[name as keyof typeof f.sentenceSets]?.accuracy],
      [`${name} ECE`, (f) => f.sentenceSets[name as keyof typeof f.sentenceSets]?.ece],
    ]),
    ...Object.keys(figures.behaviour).map((name): (typeof rows)[number] => [
      `behaviour: ${name}`,
      (f) => f.behaviour[name as keyof typeof f.behaviour]?.rate,
    ]),
  ];
  const cell = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(4));
  const header = before
    ? `| figure | version ${context.previous!.version} | version ${version} |\n| --- | --- | --- |`
    : `| figure | version ${version} |\n| --- | --- |`;
  const lines = rows.map(([name, get]) =>
    before
      ? `| ${name} | ${cell(get(before))} | ${cell(get(figures))} |`
      : `| ${name} | ${cell(get(figures))} |`,
  );
  return `${header}\n${lines.join('\n')}`;
}

/** README.md of a version: what it is, how it scores, the figures and the baselines. */
export function modelCard(
  config: ModelConfig,
  plots: { confusion: string; reliability: string; domains: string },
  figures: VersionFigures,
  context: CardContext = {},
): string {
  const m = config.metrics;
  const h = config.hyperparameters;
  const features = [
    'word unigrams and hashed word bigrams',
    ...(h.negation_scope ? ['a second unigram table for words inside a negation scope'] : []),
    ...(h.lexicon_prior ? ['an AFINN-165 valence prior folded into the unigram weights'] : []),
  ].join(', ');
  const baselines = Object.entries(m.baselines)
    .map(
      ([name, b]) => `| ${name} | ${pct(b.test_accuracy)} | ${pct(b.test_title_only_accuracy)} |`,
    )
    .join('\n');
  const domains = Object.entries(m.per_domain_accuracy)
    .map(([domain, value]) => `| ${domain} | ${pct(value)} |`)
    .join('\n');
  const params = Object.entries(config.hyperparameters)
    .map(([name, value]) => `| ${name} | ${value} |`)
    .join('\n');
  return `# ${config.model_name} ${config.model_version}

Binary sentiment (negative / positive) of English product reviews. A linear model over
${features} (naive-Bayes-scaled features, logistic loss, AdaGrad, early stopping on validation), length-normalised by n^${config.hyperparameters.alpha}, temperature-scaled on
validation and stored as float16. Trained from scratch, no pretrained weights.

- Inputs: \`input_ids\`, \`attention_mask\` (int64, [batch, sequence]) from \`tokenizer.json\`
  (WordPiece over whole words, BERT normalisation, at most ${config.max_length} tokens).
- Outputs: \`logits\` [batch, 2] and \`token_scores\` [batch, sequence], each token's share of
  logit(positive) − logit(negative); they sum to it minus the bias.
- Data: Multi-Domain Sentiment Dataset v2.0 (Blitzer, Dredze, Pereira, ACL 2007), canonical
  split; ${config.training_data.records} training records (sha256 \`${config.training_data.sha256.slice(0, 16)}…\`), seed ${config.seed}.
- Limits: English product reviews; sarcasm, negation across long spans and unseen words
  ([UNK]) are weak spots; scores of very short texts are less reliable.

## Figures

Measured in the training run${context.previous ? `, beside version ${context.previous.version} (the champion then, measured again)` : ''};
\`npm run model -- evaluate ${config.model_version}\` reproduces them from the ONNX model. The
sentence sets are out-of-domain and were never trained or tuned on; the behaviour suite
(\`model-export/src/behaviour/\`) gives the share of cases passed per capability.

${figuresSection(config.model_version, figures, context)}
${context.notes ? `\n## What changed\n\n${context.notes.trim()}\n` : ''}
## Test split

| metric | value |
| --- | --- |
| accuracy | ${pct(m.test_accuracy)} |
| macro-F1 | ${pct(m.test_macro_f1)} |
| title-only accuracy | ${pct(m.test_title_only_accuracy)} |
| expected calibration error (10 bins) | ${m.test_ece.toFixed(4)} |
| validation accuracy (before refit) | ${pct(m.validation_accuracy)} |

| domain | accuracy |
| --- | --- |
${domains}

![confusion matrix](${plots.confusion})
![reliability diagram](${plots.reliability})
![per-domain accuracy](${plots.domains})

## Baselines (same run, same split)

| model | test accuracy | title-only accuracy |
| --- | --- | --- |
| this model | ${pct(m.test_accuracy)} | ${pct(m.test_title_only_accuracy)} |
${baselines}

## Hyperparameters

| name | value |
| --- | --- |
${params}
`;
}
