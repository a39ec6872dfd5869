import type { Classification, ModelVersionMetadata } from '@polarity/core/contracts';
import type {
  BrowserRuntime,
  LoadPhases,
  RuntimePreference,
  WorkerErrorCode,
  WorkerRequest,
  WorkerResponse,
} from './protocol.ts';

/** A request the worker refused, or the worker itself failing to start. */
class WorkerError extends Error {
  override name = 'WorkerError';
  constructor(
    readonly code: WorkerErrorCode | 'worker_failed' | 'aborted',
    message: string,
  ) {
    super(message);
  }
}

interface Pending {
  resolve(message: WorkerResponse): void;
  reject(error: Error): void;
  onProgress?: (loaded: number, total: number) => void;
}

export interface Ready {
  version: string;
  runtime: BrowserRuntime;
  phases: LoadPhases;
}

export interface Classified {
  classifications: Classification[];
  elapsedMs: number;
}

/** Texts per message in a batch: small enough to report progress and to stop on abort. */
const batchChunk = 250;

/**
 * The only way the page talks to the classifier worker. The worker starts lazily on first use;
 * if it cannot start (no module workers, a script error) every pending call fails with
 * `worker_failed`, so the caller can fall back to the server.
 */
export class ClassifierBridge {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('../worker/classifier-worker.ts', import.meta.url), {
      type: 'module',
      name: 'polarity-classifier',
    });
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const message = event.data;
      const call = this.pending.get(message.id);
      if (!call) return;
      if (message.type === 'progress') {
        call.onProgress?.(message.loaded, message.total);
        return;
      }
      this.pending.delete(message.id);
      if (message.type === 'error') call.reject(new WorkerError(message.code, message.message));
      else call.resolve(message);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.fail(`the classifier worker failed: ${event.message || 'it could not start'}`);
    };
    this.worker = worker;
    return worker;
  }

  private fail(message: string) {
    this.worker?.terminate();
    this.worker = undefined;
    for (const call of this.pending.values())
      call.reject(new WorkerError('worker_failed', message));
    this.pending.clear();
  }

  /**
   * Starts the worker and onnxruntime ahead of the first request, while the page itself is
   * still starting. A worker that cannot start fails the first request instead, which then
   * falls back to the server.
   */
  prestart(runtime: Exclude<RuntimePreference, 'server'>): void {
    try {
      this.start().postMessage({
        type: 'prepare',
        id: this.nextId++,
        runtime,
      } satisfies WorkerRequest);
    } catch {
      this.worker = undefined;
    }
  }

  private call(
    request: WorkerRequest,
    onProgress?: (loaded: number, total: number) => void,
    signal?: AbortSignal,
  ): Promise<WorkerResponse> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(new WorkerError('aborted', `the ${request.type} request was cancelled`));
        return;
      }
      // A cancelled request is answered at once; the worker's late reply finds no one waiting.
      const abandon = () => {
        if (!this.pending.delete(request.id)) return;
        reject(new WorkerError('aborted', `the ${request.type} request was cancelled`));
      };
      signal?.addEventListener('abort', abandon, { once: true });
      const settle =
        <T>(done: (value: T) => void) =>
        (value: T) => {
          signal?.removeEventListener('abort', abandon);
          done(value);
        };
      this.pending.set(request.id, {
        resolve: settle(resolve),
        reject: settle(reject),
        onProgress,
      });
      try {
        this.start().postMessage(request);
      } catch (error) {
        this.pending.delete(request.id);
        signal?.removeEventListener('abort', abandon);
        reject(
          new WorkerError('worker_failed', `cannot start the classifier worker: ${String(error)}`),
        );
      }
    });
  }

  /** Downloads (or reads from the cache), verifies, loads and warms up one version. */
  async load(
    model: ModelVersionMetadata,
    runtime: Exclude<RuntimePreference, 'server'>,
    onProgress?: (loaded: number, total: number) => void,
  ): Promise<Ready> {
    const reply = await this.call({ type: 'load', id: this.nextId++, model, runtime }, onProgress);
    if (reply.type !== 'ready')
      throw new WorkerError('load', `unexpected ${reply.type} reply to load`);
    let end = performance.now();
    for (const [phase, ms] of Object.entries(reply.phases).reverse()) {
      performance.measure(`polarity:load:${phase}`, { end, duration: ms });
      end -= ms;
    }
    return { version: reply.version, runtime: reply.runtime, phases: reply.phases };
  }

  async classify(version: string, texts: string[], signal?: AbortSignal): Promise<Classified> {
    const reply = await this.call(
      { type: 'classify', id: this.nextId++, version, texts },
      undefined,
      signal,
    );
    if (reply.type !== 'result')
      throw new WorkerError('inference', `unexpected ${reply.type} reply`);
    return { classifications: reply.classifications, elapsedMs: reply.elapsedMs };
  }

  /** Many texts, in chunks, so progress shows; an abort answers at once, the chunk in flight ignored. */
  async classifyMany(
    version: string,
    texts: string[],
    {
      signal,
      onProgress,
    }: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<Classification[]> {
    const out: Classification[] = [];
    for (let start = 0; start < texts.length; start += batchChunk) {
      if (signal?.aborted) throw new WorkerError('aborted', 'the batch was cancelled');
      const { classifications } = await this.classify(
        version,
        texts.slice(start, start + batchChunk),
        signal,
      );
      out.push(...classifications);
      onProgress?.(out.length, texts.length);
    }
    return out;
  }

  async unload(name: string, version: string): Promise<void> {
    const reply = await this.call({ type: 'unload', id: this.nextId++, name, version });
    if (reply.type !== 'unloaded')
      throw new WorkerError('inference', `unexpected ${reply.type} reply to unload`);
  }

  terminate() {
    this.fail('the classifier worker was stopped');
  }
}
