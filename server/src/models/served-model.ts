import type { ExplanationScope } from '@polarity/core/contracts';
import type { ServedClassification } from './served-classification.ts';

/** One model version, loaded and warmed up, ready to score texts on the server. */
export interface ServedModel {
  readonly name: string;
  readonly version: string;
  /** The version's config.json, as monitoring reads training baselines from it. */
  readonly config: unknown;
  /**
   * `client` (the rate-limit key) is whose turn the work waits for; see InferencePool. Each
   * explanation holds the tokens `explain` asks for (default `all`), written as JSON.
   */
  classify(
    texts: string[],
    client?: string,
    explain?: ExplanationScope,
  ): Promise<ServedClassification[]>;
  /** Frees the inference session once no request uses it any more. */
  release(): Promise<void>;
}

/** Reads a version's files (verified) from the registry and builds its inference session. */
export type ModelLoader = (name: string, version: string) => Promise<ServedModel>;
