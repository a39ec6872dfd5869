import { z } from 'zod';

const Share = z.number().min(0).max(1);
const Count = z.number().int().min(0);

/** A bin of the reliability diagram (model-export's `ReliabilityBin`), when the version has them. */
const ReliabilityBin = z.object({
  lower: z.number(),
  count: Count,
  meanConfidence: Share,
  accuracy: Share,
});
export type ReliabilityBin = z.infer<typeof ReliabilityBin>;

/**
 * The figures the Model page reads from a version's `config.json`, as model-export writes them.
 * Every field is optional and unknown ones pass through: an older or newer version still gets
 * a page, with what it has.
 */
export const ModelConfig = z
  .object({
    created_at: z.string().optional(),
    max_length: Count.optional(),
    training_data: z.object({ source: z.string(), records: Count }).partial().loose().optional(),
    hyperparameters: z.record(z.string(), z.unknown()).optional(),
    metrics: z
      .object({
        test_accuracy: Share,
        test_macro_f1: Share,
        test_title_only_accuracy: Share,
        test_ece: Share,
        validation_accuracy: Share,
        validation_title_only_accuracy: Share,
        per_domain_accuracy: z.record(z.string(), Share),
        /** [true label][predicted label], negative first */
        confusion_matrix: z.tuple([z.tuple([Count, Count]), z.tuple([Count, Count])]),
        baselines: z.record(z.string(), z.record(z.string(), z.number())),
        reliability: z.array(ReliabilityBin),
      })
      .partial()
      .loose()
      .optional(),
  })
  .loose();
export type ModelConfig = z.infer<typeof ModelConfig>;

/** The config as published, or a clear error naming the version and the field. */
export function parseModelConfig(text: string, version: string): ModelConfig {
  const parsed = ModelConfig.safeParse(JSON.parse(text));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(
    `config.json of version ${version}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
  );
}

/** Product kinds as a sentence names them. */
const kindNames: Record<string, string> = {
  books: 'books',
  dvd: 'films on DVD',
  electronics: 'electronics',
  kitchen: 'kitchen goods',
};
export const kindName = (kind: string) => kindNames[kind] ?? kind.replaceAll('_', ' ');

/** Baselines as a person would name them. */
const baselineNames: Record<string, string> = {
  afinn: 'a word list (AFINN)',
  'tfidf-1-2gram-logreg': 'word and word-pair counts with logistic regression (TF-IDF)',
};
export const baselineName = (key: string) => baselineNames[key] ?? key;
