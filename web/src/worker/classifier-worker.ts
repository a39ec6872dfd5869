/// <reference lib="webworker" />
import {
  type Classifier,
  createClassifier,
  createReviewTokenizer,
  ModelConfig,
  type SessionLike,
  wholeWordVocabulary,
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
import type { OnnxRuntime } from './onnx-runtime.ts';

declare const self: DedicatedWorkerGlobalScope;

const warmUpTexts = ['Warm-up review: the product works well, but the battery is disappointing.'];

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

class WorkerFailure extends Error {
  constructor(
    readonly code: WorkerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function parseJson(bytes: ArrayBuffer, file: string, version: string): Record<string, unknown> {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new WorkerFailure(
      'load',
      `model version ${version}: ${file} is not JSON (${String(error)})`,
    );
  }
}

function parseConfig(bytes: ArrayBuffer, version: string): ModelConfig {
  const parsed = ModelConfig.safeParse(parseJson(bytes, 'config.json', version));
  if (!parsed.success)
    throw new WorkerFailure(
      'load',
      `model version ${version}: config.json: ${parsed.error.message}`,
    );
  return parsed.data;
}

async function load(request: Extract<WorkerRequest, { type: 'load' }>): Promise<void> {
  const started = performance.now();
  const { model } = request;
  store ??= openModelStore();
  let files: Map<string, ArrayBuffer>;
  try {
    files = await loadModelFiles(model, {
      store: await store,
      names: runtimeFiles,
      onProgress: ({ loaded, total }) => post({ type: 'progress', id: request.id, loaded, total }),
    });
  } catch (error) {
    const code = error instanceof ModelIntegrityError ? 'integrity' : 'download';
    throw new WorkerFailure(code, error instanceof Error ? error.message : String(error));
  }
  const filesDone = performance.now();
  const config = parseConfig(files.get('config.json')!, model.version);
  const tokenizerJson = parseJson(files.get('tokenizer.json')!, 'tokenizer.json', model.version);
  const tokenizerConfig = parseJson(
    files.get('tokenizer_config.json')!,
    'tokenizer_config.json',
    model.version,
  );
  const full = deferredTokenizer(() =>
    import('./load-tokenizer.ts').then(({ loadTokenizer }) =>
      loadTokenizer(tokenizerJson, tokenizerConfig),
    ),
  );
  const tokenizer = createReviewTokenizer(full.tokenizer, {
    maxLength: config.max_length,
    unkTokenId: config.unk_token_id,
    vocabulary: wholeWordVocabulary(tokenizerJson),
  });
  const build = (session: SessionLike, ort: OnnxRuntime): Classifier => {
    const classifier = createClassifier({ tensor: ort.Tensor, session, tokenizer, config });
    return {
      async classify(texts) {
        if (texts.some(tokenizer.needsTokenizer)) await full.ready();
        return classifier.classify(texts);
      },
    };
  };
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
  post({ type: 'result', id: request.id, classifications: [], elapsedMs: 0 });
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
