import type { ModelConfig } from '@polarity/core/inference';

const pct = (value: number) => `${(100 * value).toFixed(2)} %`;

/** README.md of a version: what it is, how it scores, the figures and the baselines. */
export function modelCard(
  config: ModelConfig,
  plots: { confusion: string; reliability: string; domains: string },
): string {
  const m = config.metrics;
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

Binary sentiment (negative / positive) of English product reviews. A linear model over word
unigrams and hashed word bigrams (naive-Bayes-scaled features, logistic loss, AdaGrad, early
stopping on validation), length-normalised by n^${config.hyperparameters.alpha}, temperature-scaled on
validation and stored as float16. Trained from scratch, no pretrained weights.

- Inputs: \`input_ids\`, \`attention_mask\` (int64, [batch, sequence]) from \`tokenizer.json\`
  (WordPiece over whole words, BERT normalisation, at most ${config.max_length} tokens).
- Outputs: \`logits\` [batch, 2] and \`token_scores\` [batch, sequence], each token's share of
  logit(positive) − logit(negative); they sum to it minus the bias.
- Data: Multi-Domain Sentiment Dataset v2.0 (Blitzer, Dredze, Pereira, ACL 2007), canonical
  split; ${config.training_data.records} training records (sha256 \`${config.training_data.sha256.slice(0, 16)}…\`), seed ${config.seed}.
- Limits: English product reviews; sarcasm, negation across long spans and unseen words
  ([UNK]) are weak spots; scores of very short texts are less reliable.

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
