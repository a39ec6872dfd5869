import type { ExplanationScope } from '@polarity/core/contracts';
import type { ServedClassification } from './served-classification.ts';

/** A version's files as read (and verified) from the registry. */
export interface ModelFiles {
  model: Uint8Array;
  tokenizer: Uint8Array;
  tokenizerConfig: Uint8Array;
  config: Uint8Array;
}

/** What the pool asks of an inference worker. `model` names a loaded version: `name@version`. */
export type ToWorker =
  | { type: 'load'; model: string; files: ModelFiles }
  | {
      type: 'classify';
      batch: number;
      jobs: { model: string; texts: readonly string[]; explain: ExplanationScope }[];
    }
  | { type: 'release'; model: string };

export type JobOutcome =
  | { ok: true; results: ServedClassification[] }
  | { ok: false; message: string };

/** What a worker answers: one `loaded` per `load`, one `scored` per `classify` (outcomes in job order). */
export type FromWorker =
  | { type: 'loaded'; model: string; error?: string }
  | { type: 'scored'; batch: number; outcomes: JobOutcome[] };
