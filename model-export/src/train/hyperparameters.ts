/** Tuned on the canonical validation split (see the model card); every run records them. */
export const defaultHyperparameters = {
  max_length: 512,
  /** A word enters the vocabulary when this many training texts hold it. */
  min_word_docs: 2,
  max_words: 50_000,
  bigram_buckets: 1 << 20,
  bigram_prime: 1_000_003,
  /** Buckets hit by fewer training texts keep weight 0, so the table stays sparse. */
  min_bigram_docs: 2,
  /** Hashed word trigram buckets (0: no trigrams), and their document-count threshold. */
  trigram_buckets: 0,
  min_trigram_docs: 2,
  /** Laplace smoothing of the naive-Bayes log-count ratios that scale each feature. */
  nb_smoothing: 1,
  /** Length normalisation exponent: scores are divided by n^alpha. */
  alpha: 0.5,
  learning_rate: 0.1,
  l2: 1e-5,
  max_epochs: 30,
  patience: 4,
  /** Weight of title-only validation accuracy in the early-stopping criterion. */
  title_weight: 0.5,
  /** Each training review's title is added this many times as an example of its own. */
  title_copies: 2,
  /** Retrain on train + validation for the early-stopped number of epochs. */
  refit_on_validation: true,
  /** Words after a negation, up to the next clause boundary, use a second unigram table. */
  negation_scope: true,
  /** A negated word's weight starts as its plain weight times -γ (γ here); 0 leaves them apart. */
  negation_flip: 0,
  /** Whether negation triggers ("not", "never"…) keep a unigram weight of their own. */
  negation_trigger_weights: true,
  /** The most frequent words (lexicon words excepted) that keep their plain weight in a scope. */
  negation_skip_top_words: 0,
  /** AFINN-165 words join the vocabulary and their valence is a learned feature. */
  lexicon_prior: true,
  /** Valence inside a negation scope: 'learned' (a weight of its own) or 'reversed' (−1 ×). */
  lexicon_negation: 'reversed' as 'learned' | 'reversed',
  /** VADER valence as a second lexicon feature (its words join the vocabulary too). */
  vader_prior: true,
  /** GloVe vectors as dense word features (negated like the lexicon), folded into the tables. */
  word_vectors: true,
  /** Frequent English words (GloVe's order) added to the vocabulary for their vectors. */
  word_vector_vocabulary: 20_000,
  /** Multiplies every vector component, so the features train at the lexicon's pace. */
  word_vector_scale: 0.5,
  /** Tokens after "but" / "however" up to the sentence's end count 1 + this (0: no contrast scope). */
  contrast_weight: 0,
  /** Fits with seeds seed, seed+1, …, each early-stopped on its own; the model is their mean. */
  ensemble_size: 1,
};

export type Hyperparameters = typeof defaultHyperparameters;

/**
 * Hyperparameters added after version 1, with the value that reproduces a version trained
 * before they existed (its config.json lacks them).
 */
const absentMeans = {
  negation_scope: false,
  lexicon_prior: false,
  trigram_buckets: 0,
  min_trigram_docs: 2,
  word_vectors: false,
  word_vector_vocabulary: 0,
  vader_prior: false,
  ensemble_size: 1,
  contrast_weight: 0,
} satisfies Partial<Hyperparameters>;

/** A version's recorded hyperparameters, completed for versions older than some of them. */
export function recordedHyperparameters(
  recorded: Record<string, number | boolean | string>,
): Hyperparameters {
  return { ...defaultHyperparameters, ...absentMeans, ...recorded } as Hyperparameters;
}
