import type { Classification } from '@polarity/core/contracts';

/** One model version, loaded and warmed up, ready to score texts on the server. */
export interface ServedModel {
  readonly name: string;
  readonly version: string;
  /** The version's config.json, as monitoring reads training baselines from it. */
  readonly config: unknown;
  /** `client` (the rate-limit key) is whose turn the work waits for; see InferencePool. */
  classify(texts: string[], client?: string): Promise<Classification[]>;
  /** Frees the inference session once no request uses it any more. */
  release(): Promise<void>;
}

/** Reads a version's files (verified) from the registry and builds its inference session. */
export type ModelLoader = (name: string, version: string) => Promise<ServedModel>;
