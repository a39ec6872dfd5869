import {
  type ModelVersionMetadata,
  type PredictionResult,
  toPredictionResult,
} from '@polarity/core/contracts';
import {
  fetchAliases,
  fetchServedModel,
  predictManyOnServer,
  predictOnServer,
} from '../api/api-client.ts';
import { isNetworkFailure, userMessage } from '../shared/user-message.ts';
import type { ClassifierBridge } from '../worker-bridge/index.ts';
import type { BrowserRuntime, RuntimePreference } from '../worker-bridge/protocol.ts';
import { readActiveVersion, writeActiveVersion } from './active-version.ts';

export interface ClassifierState {
  /** loading: fetching or warming a model; ready: the browser predicts; server: the server does. */
  status: 'starting' | 'loading' | 'ready' | 'server' | 'unavailable';
  runtime: BrowserRuntime | 'server' | null;
  model: ModelVersionMetadata | null;
  /** download of the version being loaded, in bytes */
  progress: { loaded: number; total: number } | null;
  /** why the browser is not predicting, shown to the user */
  problem: string | null;
  /** a newer champion, offered but not forced */
  update: ModelVersionMetadata | null;
  switching: boolean;
  /** the challenger scoring silently next to the champion */
  shadow: ModelVersionMetadata | null;
}

export interface ShadowResult {
  model: ModelVersionMetadata;
  result: Omit<PredictionResult, 'id'>;
}

/**
 * The model lifecycle on the page: which version runs where, loading it from the cache or the
 * network, offering a new champion, shadow-scoring with the challenger, and falling back to the
 * server whenever the browser cannot predict.
 */
export class ClassifierService {
  private state: ClassifierState = {
    status: 'starting',
    runtime: null,
    model: null,
    progress: null,
    problem: null,
    update: null,
    switching: false,
    shadow: null,
  };
  private readonly listeners = new Set<() => void>();
  private started = false;
  /** Counts runtime changes, so a slow load never overrides a later choice. */
  private runtimeChanges = 0;

  constructor(
    private readonly bridge: ClassifierBridge,
    private readonly clientId: string,
  ) {}

  getState = (): ClassifierState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<ClassifierState>) {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  async start(preference: RuntimePreference): Promise<void> {
    if (this.started) return;
    this.started = true;
    const stored = readActiveVersion();
    // onnxruntime's start-up is the slowest step and needs no model: it begins before anything.
    if (preference !== 'server') this.bridge.prestart(preference);
    // A stored version loads at once (offline too); the champion is only compared once it is ready.
    // The server names its model (MODEL_NAME); offline, the stored version keeps the name last learned.
    const aliasesRequest = fetchServedModel()
      .then(fetchAliases)
      .catch(() => null);
    const championRequest = aliasesRequest.then((aliases) => aliases?.champion ?? null);
    const model = stored ?? (await championRequest);
    if (!model) {
      this.set({
        status: 'unavailable',
        problem: 'No model yet: the server is unreachable and none is cached.',
      });
      return;
    }
    if (preference === 'server') {
      const champion = await championRequest;
      this.set({ status: 'server', runtime: 'server', model: champion ?? model, problem: null });
      return;
    }
    this.set({ status: 'loading', model, progress: null, problem: null });
    try {
      const ready = await this.bridge.load(model, preference, (loaded, total) =>
        this.set({ progress: { loaded, total } }),
      );
      writeActiveVersion(model);
      // For DevTools and the benchmark: how long after navigation the browser could first predict.
      performance.mark('polarity:model-ready');
      this.set({ status: 'ready', runtime: ready.runtime, progress: null });
    } catch (error) {
      const champion = await championRequest;
      this.set({
        status: 'server',
        runtime: 'server',
        progress: null,
        model: champion ?? model,
        problem: `The model cannot run in this browser, so the server predicts: ${userMessage(error)}`,
      });
      return;
    }
    const champion = await championRequest;
    if (champion && (champion.name !== model.name || champion.version !== model.version)) {
      this.set({ update: champion });
    }
    void this.startShadow(model, (await aliasesRequest)?.challenger ?? null);
  }

  /**
   * The user's runtime choice, applied in place: the page, and what is typed in it, stays.
   * The version shown keeps answering (on the server, if need be) until the new runtime is warm.
   */
  async changeRuntime(preference: RuntimePreference): Promise<void> {
    const ticket = ++this.runtimeChanges;
    const { model } = this.state;
    if (!model) return;
    if (preference === 'server') {
      this.set({ status: 'server', runtime: 'server', progress: null, problem: null });
      return;
    }
    this.set({ status: 'loading', progress: null, problem: null });
    try {
      const ready = await this.bridge.load(model, preference, (loaded, total) => {
        if (ticket === this.runtimeChanges) this.set({ progress: { loaded, total } });
      });
      if (ticket !== this.runtimeChanges) return;
      writeActiveVersion(model);
      this.set({ status: 'ready', runtime: ready.runtime, progress: null });
    } catch (error) {
      if (ticket !== this.runtimeChanges) return;
      this.set({
        status: 'server',
        runtime: 'server',
        progress: null,
        problem: `The model cannot run in this browser, so the server predicts: ${userMessage(error)}`,
      });
    }
  }

  /**
   * The server is unreachable: the version last loaded in this browser (its files kept in
   * IndexedDB, onnxruntime in the service worker's cache) answers instead. False when none can.
   */
  private async fallBackToBrowser(): Promise<boolean> {
    const { model } = this.state;
    if (!model) return false;
    try {
      const ready = await this.bridge.load(model, 'wasm');
      this.set({
        status: 'ready',
        runtime: ready.runtime,
        problem: 'The server cannot be reached, so your browser predicts with the cached model.',
      });
      return true;
    } catch {
      return false;
    }
  }

  /** Loads the challenger next to the champion; failures only mean no shadow scoring. */
  private async startShadow(
    champion: ModelVersionMetadata,
    challenger: ModelVersionMetadata | null,
  ) {
    if (!challenger || challenger.name !== champion.name) return;
    if (challenger.version === champion.version) return;
    try {
      await this.bridge.load(challenger, 'wasm');
      this.set({ shadow: challenger });
    } catch (error) {
      console.warn(
        `polarity: the challenger (version ${challenger.version}) cannot shadow: ${userMessage(error)}`,
      );
    }
  }

  /** Moves to the offered champion; the current version keeps answering until the new one is verified and warm. */
  async switchToUpdate(): Promise<void> {
    const { update, model: previous } = this.state;
    if (!update) return;
    this.set({ switching: true, progress: null });
    try {
      const ready = await this.bridge.load(update, 'auto', (loaded, total) =>
        this.set({ progress: { loaded, total } }),
      );
      writeActiveVersion(update);
      this.set({
        model: update,
        runtime: ready.runtime,
        status: 'ready',
        update: null,
        switching: false,
        progress: null,
      });
      if (
        previous &&
        (previous.name !== update.name || previous.version !== update.version) &&
        previous.version !== this.state.shadow?.version
      ) {
        await this.bridge.unload(previous.name, previous.version).catch(() => undefined);
      }
    } catch (error) {
      this.set({
        switching: false,
        progress: null,
        problem: `Version ${update.version} was not installed: ${userMessage(error)}`,
      });
    }
  }

  /** Many texts at once (the batch page), in the worker when it runs, else on the server. */
  async classifyMany(
    texts: string[],
    options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void },
  ): Promise<PredictionResult[]> {
    const { status, model, runtime } = this.state;
    if (status === 'ready' && model && runtime && runtime !== 'server') {
      try {
        const started = performance.now();
        const classifications = await this.bridge.classifyMany(model.version, texts, options);
        const latency = (performance.now() - started) / Math.max(1, texts.length);
        return classifications.map((classification) =>
          toPredictionResult(classification, {
            id: crypto.randomUUID(),
            model,
            runtime,
            latency_ms: latency,
          }),
        );
      } catch (error) {
        // A cancelled batch is the user's choice, not a failure of the browser model.
        if (options.signal?.aborted) throw error;
        this.fallBackToServer(error);
      }
    }
    return predictManyOnServer(texts, this.clientId, options);
  }

  async classify(text: string): Promise<PredictionResult> {
    if (this.runsInBrowser()) {
      try {
        return await this.classifyInBrowser(text);
      } catch (error) {
        this.fallBackToServer(error);
      }
    }
    try {
      return await predictOnServer(text, this.clientId);
    } catch (error) {
      if (isNetworkFailure(error) && (await this.fallBackToBrowser())) {
        return this.classifyInBrowser(text);
      }
      throw error;
    }
  }

  private runsInBrowser(): boolean {
    const { status, model, runtime } = this.state;
    return status === 'ready' && !!model && !!runtime && runtime !== 'server';
  }

  private async classifyInBrowser(text: string): Promise<PredictionResult> {
    const { model, runtime } = this.state;
    if (!model || !runtime || runtime === 'server') throw new Error('no model in this browser');
    const { classifications, elapsedMs } = await this.bridge.classify(model.version, [text]);
    const classification = classifications[0];
    if (!classification) throw new Error('the worker returned no classification');
    // The worker's own time, as a User Timing entry for DevTools and the benchmark.
    performance.measure('polarity:inference', {
      start: performance.now() - elapsedMs,
      duration: elapsedMs,
    });
    return toPredictionResult(classification, {
      id: crypto.randomUUID(),
      model,
      runtime,
      latency_ms: elapsedMs,
    });
  }

  /** The browser model failed on a request: the server predicts from now on, and says why. */
  private fallBackToServer(error: unknown) {
    this.set({
      status: 'server',
      runtime: 'server',
      problem: `The browser model failed, so the server predicts: ${userMessage(error)}`,
    });
  }

  /** The challenger's silent opinion, or null when there is no challenger. */
  async shadowClassify(text: string): Promise<ShadowResult | null> {
    const shadow = this.state.shadow;
    if (!shadow) return null;
    const { classifications, elapsedMs } = await this.bridge.classify(shadow.version, [text]);
    const classification = classifications[0];
    if (!classification) return null;
    return {
      model: shadow,
      result: toPredictionResult(classification, {
        id: crypto.randomUUID(),
        model: shadow,
        runtime: 'wasm',
        latency_ms: elapsedMs,
      }),
    };
  }
}
