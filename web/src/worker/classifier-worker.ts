/// <reference lib="webworker" />
import '../shared/zod-without-eval.ts';
import {
  type Classifier,
  classifierFromParts,
  ModelFileError,
  type ParsedModelFiles,
  parseModelFiles,
  type SessionLike,
  warmUpTexts,
} from '@polarity/core/inference';
import { loadModelFiles } from '../model-cache/load-model-files.ts';
import { ModelIntegrityError } from '../model-cache/model-integrity-error.ts';
import { type ModelStore, openModelStore } from '../model-cache/model-store.ts';
import {
  runtimeFiles,
  type WorkerErrorCode,
  type WorkerRequest,
  type WorkerResponse,
} from '../worker-bridge/protocol.ts';
import { createSession, prewarm } from './create-session.ts';
import { deferredTokenizer } from './deferred-tokenizer.ts';
import { forgetFinishedDownloads, onDownloads, reportDownload } from './downloads.ts';
import type { OnnxRuntime } from './onnx-runtime.ts';

declare const self: DedicatedWorkerGlobalScope;

interface LoadedModel {
  classifier: Classifier;
  release(): Promise<void>;
}

/** Loaded versions, so a new champion can load while the old one keeps answering. */
const models = new Map<string, LoadedModel>();
let store: Promise<ModelStore> | undefined;

/** The `prepare` message's start of onnxruntime; sessions are created only once it is done. */
let prewarmed: Promise<void> = Promise.resolve();

const post = (message: WorkerResponse) => self.postMessage(message);

/** Milliseconds between two download progress messages. */
const progressInterval = 150;

class WorkerFailure extends Error {
  constructor(
    readonly code: WorkerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function parseFiles(files: Map<string, ArrayBuffer>, version: string): ParsedModelFiles {
  try {
    return parseModelFiles(
      {
        'config.json': files.get('config.json')!,
        'tokenizer.json': files.get('tokenizer.json')!,
        'tokenizer_config.json': files.get('tokenizer_config.json')!,
      },
      (file) => `model version ${version}: ${file}`,
    );
  } catch (error) {
    if (error instanceof ModelFileError) throw new WorkerFailure('load', error.message);
    throw error;
  }
}

async function load(request: Extract<WorkerRequest, { type: 'load' }>): Promise<void> {
  store ??= openModelStore();
  forgetFinishedDownloads();
  // The model's files and onnxruntime's binary (still downloading, maybe) as one transfer,
  // reported a few times a second: every chunk would re-render the page for nothing.
  let lastPosted = 0;
  const unsubscribe = onDownloads((loaded, total) => {
    const now = performance.now();
    if (loaded < total && now - lastPosted < progressInterval) return;
    lastPosted = now;
    post({ type: 'progress', id: request.id, loaded, total });
  });
  try {
    return await loadModel(request, await store);
  } finally {
    unsubscribe();
  }
}

async function loadModel(
  request: Extract<WorkerRequest, { type: 'load' }>,
  modelStore: ModelStore,
): Promise<void> {
  const started = performance.now();
  const { model } = request;
  let files: Map<string, ArrayBuffer>;
  try {
    files = await loadModelFiles(model, {
      store: modelStore,
      names: runtimeFiles,
      onProgress: ({ loaded, total }) => reportDownload(`model:${model.version}`, loaded, total),
    });
  } catch (error) {
    const code = error instanceof ModelIntegrityError ? 'integrity' : 'download';
    throw new WorkerFailure(code, error instanceof Error ? error.message : String(error));
  }
  const filesDone = performance.now();
  const parsed = parseFiles(files, model.version);
  const full = deferredTokenizer(() =>
    import('./load-tokenizer.ts').then(({ loadTokenizer }) =>
      loadTokenizer(parsed.tokenizerJson, parsed.tokenizerConfig),
    ),
  );
  const build = (session: SessionLike, ort: OnnxRuntime): Classifier =>
    classifierFromParts({
      files: parsed,
      pretrained: full.tokenizer,
      ready: full.ready,
      session,
      tensor: ort.Tensor,
    });
  const tokenizerDone = performance.now();
  await prewarmed;
  const runtimeDone = performance.now();
  const { session, runtime, ort } = await createSession(
    files.get('model.onnx')!,
    request.runtime,
    async (candidate, candidateOrt) => {
      await build(candidate, candidateOrt).classify(warmUpTexts);
    },
  );
  const previous = models.get(model.version);
  models.set(model.version, { classifier: build(session, ort), release: () => session.release() });
  await previous?.release();
  post({
    type: 'ready',
    id: request.id,
    version: model.version,
    runtime,
    phases: {
      files: filesDone - started,
      tokenizer: tokenizerDone - filesDone,
      runtime: runtimeDone - tokenizerDone,
      session: performance.now() - runtimeDone,
    },
  });
}

async function classify(request: Extract<WorkerRequest, { type: 'classify' }>): Promise<void> {
  const model = models.get(request.version);
  if (!model)
    throw new WorkerFailure('not_loaded', `model version ${request.version} is not loaded`);
  const started = performance.now();
  const classifications = await model.classifier.classify(request.texts);
  post({ type: 'result', id: request.id, classifications, elapsedMs: performance.now() - started });
}

async function unload(request: Extract<WorkerRequest, { type: 'unload' }>): Promise<void> {
  const model = models.get(request.version);
  models.delete(request.version);
  await model?.release();
  store ??= openModelStore();
  await (await store).deleteVersion(request.name, request.version);
  post({ type: 'unloaded', id: request.id, version: request.version });
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'prepare') prewarmed = prewarm(request.runtime);
    else if (request.type === 'load') await load(request);
    else if (request.type === 'classify') await classify(request);
    else await unload(request);
  } catch (error) {
    const code =
      error instanceof WorkerFailure ? error.code : request.type === 'load' ? 'load' : 'inference';
    post({
      type: 'error',
      id: request.id,
      code,
      message: error instanceof Error ? error.message : String(error),
    });
  }
};
