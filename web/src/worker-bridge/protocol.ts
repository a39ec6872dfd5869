import type { Classification, ModelVersionMetadata } from '@polarity/core/contracts';

/** What the user may pick; `server` never reaches the worker. */
export type RuntimePreference = 'auto' | 'webgpu' | 'wasm' | 'server';
export type BrowserRuntime = 'webgpu' | 'wasm';

/** Page → worker. `id` pairs each request with its responses. */
export type WorkerRequest =
  /** Start onnxruntime for this preference before any model is known; no reply. */
  | { type: 'prepare'; id: number; runtime: Exclude<RuntimePreference, 'server'> }
  | {
      type: 'load';
      id: number;
      model: ModelVersionMetadata;
      runtime: Exclude<RuntimePreference, 'server'>;
    }
  | { type: 'classify'; id: number; version: string; texts: string[] }
  /** Frees a version's session and deletes its cached files (it was replaced). */
  | { type: 'unload'; id: number; name: string; version: string };

/** Consecutive steps of one load, in ms. */
export interface LoadPhases {
  files: number;
  tokenizer: number;
  /** Waiting for onnxruntime's start-up (the `prepare` message) to finish. */
  runtime: number;
  /** The model's own session, and its warm-up. */
  session: number;
}

export type WorkerErrorCode = 'integrity' | 'download' | 'load' | 'inference' | 'not_loaded';

/** Worker → page. */
export type WorkerResponse =
  | { type: 'progress'; id: number; loaded: number; total: number }
  | {
      type: 'ready';
      id: number;
      version: string;
      runtime: BrowserRuntime;
      /** ms spent on each loading step, for DevTools' User Timing and the benchmark */
      phases: LoadPhases;
    }
  | { type: 'result'; id: number; classifications: Classification[]; elapsedMs: number }
  | { type: 'unloaded'; id: number; version: string }
  | { type: 'error'; id: number; code: WorkerErrorCode; message: string };

/** The files the worker needs to run a version; the rest (model card, plots) stay on the server. */
export const runtimeFiles = [
  'model.onnx',
  'tokenizer.json',
  'tokenizer_config.json',
  'config.json',
] as const;
