import type { PretrainedTokenizerLike } from '@polarity/core/inference';

export interface DeferredTokenizer {
  /** Throws until `ready()` has resolved; the review tokenizer calls it only for texts that need it. */
  tokenizer: PretrainedTokenizerLike;
  ready(): Promise<void>;
}

/**
 * transformers.js, loaded on the first text the whole-word vocabulary cannot encode (non-ASCII).
 * Evaluating it and building the tokenizer is the largest share of the worker's start-up, and
 * plain-ASCII reviews, the first result among them, never need it.
 */
export function deferredTokenizer(load: () => Promise<PretrainedTokenizerLike>): DeferredTokenizer {
  let loaded: PretrainedTokenizerLike | undefined;
  let loading: Promise<void> | undefined;
  return {
    tokenizer: {
      encode(text, options) {
        if (!loaded) throw new Error('the transformers.js tokenizer is not loaded yet');
        return loaded.encode(text, options);
      },
    },
    ready() {
      loading ??= load().then(
        (tokenizer) => {
          loaded = tokenizer;
        },
        (error: unknown) => {
          // A failed chunk download must not stick: the next text needing it tries again.
          loading = undefined;
          throw new Error(`cannot load the tokenizer: ${String(error)}`);
        },
      );
      return loading;
    },
  };
}
