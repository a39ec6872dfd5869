import { z } from 'zod';

/** A histogram over fixed bin edges: `counts[i]` falls in `[edges[i], edges[i + 1])`, last bin open. */
export const Histogram = z
  .object({ edges: z.array(z.number()).min(1), counts: z.array(z.number().int().min(0)) })
  .strict()
  .refine((h) => h.counts.length === h.edges.length, 'counts needs one entry per edge');
export type Histogram = z.infer<typeof Histogram>;

const Accuracy = z.number().min(0).max(1);

export const ModelMetrics = z
  .object({
    test_accuracy: Accuracy,
    test_macro_f1: Accuracy,
    test_title_only_accuracy: Accuracy,
    test_ece: Accuracy,
    validation_accuracy: Accuracy,
    validation_title_only_accuracy: Accuracy,
    per_domain_accuracy: z.record(z.string(), Accuracy),
    /** rows = true label, columns = predicted, in `id2label` order. */
    confusion_matrix: z.array(z.array(z.number().int().min(0))),
    baselines: z.record(
      z.string(),
      z.object({ test_accuracy: Accuracy, test_title_only_accuracy: Accuracy }),
    ),
    /** Recorded from version 2 on; `npm run model -- evaluate` measures them for any version. */
    test_title_only_ece: Accuracy.optional(),
    /** Out-of-domain sets never trained or tuned on, by name. */
    sentence_sets: z
      .record(
        z.string(),
        z.object({ accuracy: Accuracy, ece: Accuracy, count: z.number().int().min(0) }).strict(),
      )
      .optional(),
    /** The behaviour suite's share of passed cases per capability. */
    behaviour_suite: z
      .record(
        z.string(),
        z
          .object({
            passed: z.number().int().min(0),
            total: z.number().int().min(0),
            rate: Accuracy,
          })
          .strict(),
      )
      .optional(),
  })
  .strict();
export type ModelMetrics = z.infer<typeof ModelMetrics>;

/** What drift monitoring compares live traffic against. */
export const TrainingProfile = z
  .object({
    positive_rate: Accuracy,
    text_length_chars: Histogram,
    unknown_token_rate: Histogram,
    expected_positive_rate: Accuracy,
  })
  .strict();
export type TrainingProfile = z.infer<typeof TrainingProfile>;

/**
 * `config.json` of a model version. The label maps follow transformers.js (`id2label` keyed by
 * the id as a string) so `pipeline('text-classification')` can read them.
 */
export const ModelConfig = z
  .object({
    model_type: z.literal('polarity-linear'),
    architectures: z.array(z.string()),
    id2label: z.object({ '0': z.literal('negative'), '1': z.literal('positive') }).strict(),
    label2id: z.object({ negative: z.literal(0), positive: z.literal(1) }).strict(),
    max_length: z.number().int().positive(),
    pad_token_id: z.number().int().min(0),
    unk_token_id: z.number().int().min(0),
    model_name: z.string(),
    model_version: z.string(),
    created_at: z.string(),
    seed: z.number().int(),
    training_data: z
      .object({
        source: z.string(),
        /** sha256 over the training records (label, domain, text) in order. */
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        records: z.number().int().min(0),
        skipped_records: z.number().int().min(0),
      })
      .strict(),
    hyperparameters: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])),
    metrics: ModelMetrics,
    training_profile: TrainingProfile,
  })
  .strict();
export type ModelConfig = z.infer<typeof ModelConfig>;
