import { Worker } from 'node:worker_threads';
import { type ExplanationScope, limits } from '@polarity/core/contracts';
import { type FairJob, FairQueue } from './fair-queue.ts';
import type { FromWorker, ModelFiles, ToWorker } from './inference-messages.ts';
import type { ServedClassification } from './served-classification.ts';

export interface InferencePoolOptions {
  /** worker threads running onnxruntime; at least 1 */
  workers: number;
  /** characters of queued (not yet running) work beyond which new work is refused */
  maxQueuedChars: number;
}

/** The pool has more work waiting than `maxQueuedChars`; the caller answers 503. */
export class InferenceQueueFullError extends Error {
  override name = 'InferenceQueueFullError';
}

interface Job extends FairJob {
  model: string;
  explain: ExplanationScope;
  resolve(results: ServedClassification[]): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  /** the batch it is scoring; `large` when any of its jobs is over `smallJobChars` */
  batch?: { id: number; jobs: Job[]; large: boolean };
  loads: Map<string, { resolve(): void; reject(error: Error): void }>;
}

/** Jobs up to one maximum-length review are small; see `dispatch`. */
const smallJobChars = limits.maxTextLength;
/** A batch stops growing at this many texts (as one request's texts are never split). */
const maxBatchTexts = 256;
/** ...or this many characters, so one batch holds a worker for tens of milliseconds, not seconds. */
const maxBatchChars = 262_144;

/** A worker that died is replaced after this long, ms, so a worker that cannot start does not spin. */
const respawnDelayMs = 1_000;

/**
 * Starts one inference worker. Compiled (`npm run build`), the server is `dist/index.js` and the
 * worker its sibling `dist/inference-worker.js`. From source (tests, `npm run dev`), tsx compiles
 * the worker's TypeScript as it does the server's: a worker does not inherit the main thread's
 * module hooks, so its entry imports tsx's API itself.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./inference-worker.js', import.meta.url));
  }
  const workerUrl = new URL('./inference-worker.ts', import.meta.url).href;
  const entry = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then(({ tsImport }) => tsImport(${JSON.stringify(workerUrl)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(entry, { eval: true });
}

/**
 * Runs tokenization and onnxruntime on worker threads, so the event loop stays free for HTTP
 * (`/healthz`, other clients) however large the work (short reviews are scored on the main
 * thread instead: see mainThreadLane). Work waits in a FairQueue (round robin per client), and
 * jobs that wait together are sent as one batch, each version's jobs scored in one run. With two
 * workers or more, one is kept for jobs of one review's size: a client's burst of large requests
 * then delays another client's smaller one by at most one batch, not by the burst.
 */
export function createInferencePool(options: InferencePoolOptions) {
  const queue = new FairQueue<Job>();
  const slots: Slot[] = [];
  /** every version loaded, so a worker that dies is replaced with the same versions */
  const loaded = new Map<string, ModelFiles>();
  let nextBatch = 0;
  let scheduled = false;
  let closed = false;

  function send(slot: Slot, message: ToWorker) {
    slot.worker.postMessage(message);
  }

  function spawn(): Slot {
    const worker = startWorker();
    worker.unref();
    const slot: Slot = { worker, loads: new Map() };
    worker.on('message', (message: FromWorker) => onMessage(slot, message));
    worker.on('error', (error) => console.error('polarity: inference worker failed:', error));
    worker.on('exit', (code) => onExit(slot, code));
    for (const [model, files] of loaded) send(slot, { type: 'load', model, files });
    return slot;
  }

  function ensureWorkers() {
    while (slots.length < Math.max(1, options.workers)) slots.push(spawn());
  }

  function onMessage(slot: Slot, message: FromWorker) {
    if (message.type === 'loaded') {
      const waiting = slot.loads.get(message.model);
      slot.loads.delete(message.model);
      if (message.error === undefined) waiting?.resolve();
      else waiting?.reject(new Error(message.error));
      return;
    }
    const batch = slot.batch;
    if (!batch || batch.id !== message.batch) return;
    slot.batch = undefined;
    batch.jobs.forEach((job, i) => {
      const outcome = message.outcomes[i];
      if (outcome?.ok) job.resolve(outcome.results);
      else job.reject(new Error(outcome?.message ?? 'inference worker sent no result'));
    });
    dispatch();
  }

  function onExit(slot: Slot, code: number) {
    const error = new Error(`inference worker exited with code ${code}`);
    for (const job of slot.batch?.jobs ?? []) job.reject(error);
    for (const waiting of slot.loads.values()) waiting.reject(error);
    const at = slots.indexOf(slot);
    if (at < 0) return;
    slots.splice(at, 1);
    if (closed) return;
    console.error(`polarity: ${error.message}; starting another in ${respawnDelayMs} ms`);
    setTimeout(() => {
      if (closed) return;
      slots.push(spawn());
      dispatch();
    }, respawnDelayMs).unref();
  }

  /** Gives every idle worker a batch; see the pool's description for the kept worker. */
  function dispatch() {
    scheduled = false;
    for (const slot of slots) {
      if (slot.batch || queue.empty) continue;
      const largeRunning = slots.filter((s) => s.batch?.large).length;
      const keepForSmall = slots.length > 1 && largeRunning >= slots.length - 1;
      const jobs = queue.take({
        maxTexts: maxBatchTexts,
        maxChars: maxBatchChars,
        ...(keepForSmall && { maxJobChars: smallJobChars }),
      });
      if (jobs.length === 0) continue;
      const batch = {
        id: nextBatch++,
        jobs,
        large: jobs.some((job) => job.chars > smallJobChars),
      };
      slot.batch = batch;
      send(slot, {
        type: 'classify',
        batch: batch.id,
        jobs: jobs.map((job) => ({ model: job.model, texts: job.texts, explain: job.explain })),
      });
    }
  }

  /** Frees a version's sessions; callers wait until no request uses it. */
  function release(model: string): void {
    loaded.delete(model);
    for (const slot of slots) send(slot, { type: 'release', model });
  }

  return {
    /** Loads a version (`name@version`) into every worker; rejects if any cannot load it. */
    async load(model: string, files: ModelFiles): Promise<void> {
      ensureWorkers();
      loaded.set(model, files);
      const loads = slots.map(
        (slot) =>
          new Promise<void>((resolve, reject) => {
            slot.loads.set(model, { resolve, reject });
            send(slot, { type: 'load', model, files });
          }),
      );
      try {
        await Promise.all(loads);
      } catch (error) {
        release(model);
        throw error;
      }
    },

    /** Scores `texts` with a loaded version, in `client`'s turn; see ServedModel.classify. */
    classify(
      model: string,
      texts: readonly string[],
      client: string,
      explain: ExplanationScope = 'all',
    ): Promise<ServedClassification[]> {
      if (texts.length === 0) return Promise.resolve([]);
      const chars = texts.reduce((sum, text) => sum + text.length, 0);
      // An empty queue always takes the job, so no request is too large to ever be served.
      if (!queue.empty && queue.queuedChars + chars > options.maxQueuedChars) {
        return Promise.reject(
          new InferenceQueueFullError(
            `inference queue holds ${queue.queuedChars} characters (limit ${options.maxQueuedChars})`,
          ),
        );
      }
      return new Promise((resolve, reject) => {
        queue.push({ client, model, texts, chars, explain, resolve, reject });
        // Dispatched after this turn, so requests arriving together share one batch.
        if (!scheduled) {
          scheduled = true;
          setImmediate(dispatch);
        }
      });
    },

    release,

    async close(): Promise<void> {
      closed = true;
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}

export type InferencePool = ReturnType<typeof createInferencePool>;
