import {
  ApiRequestError,
  type Event,
  EventBatchResult,
  limits,
  ModelVersionMetadata,
  type PredictionResult,
  PredictResponse,
  QualityResponse,
  ServedModels,
} from '@polarity/core/contracts';
import {
  type AnswerResponse,
  readAnswer,
  createApiClient as typedApiClient,
} from '@polarity/web/api-client';
import type { z } from 'zod';

const attempts = 4;
const maxWaitMs = 5_000; // the longest Retry-After honoured before giving up on an attempt
const requestTimeoutMs = 15_000;

export interface ApiClient {
  predict(texts: string[], clientId: string): Promise<PredictionResult[]>;
  /** Events are idempotent by id, so a failed upload is retried with the very same events. */
  sendEvents(events: Event[]): Promise<EventBatchResult>;
  /** The model the server serves (its MODEL_NAME). */
  servedModel(): Promise<string>;
  champion(model: string): Promise<{ name: string; version: string }>;
  /** undefined when the server offers no quality endpoint */
  quality(): Promise<QualityResponse | undefined>;
}

/**
 * The public API as a browser uses it, through the web app's typed client. Only refusals that
 * stored nothing (429, 503) are retried for predictions; event uploads are also retried after
 * network errors, since ids make them safe. Failures throw ApiRequestError.
 */
export function createApiClient(baseUrl: string, signal?: AbortSignal): ApiClient {
  const api = typedApiClient(baseUrl);

  async function call<S extends z.ZodType>(
    schema: S,
    request: string,
    idempotent: boolean,
    send: (init: RequestInit) => Promise<AnswerResponse>,
  ): Promise<z.infer<S>> {
    for (let attempt = 1; ; attempt++) {
      let response: AnswerResponse;
      try {
        response = await send({
          signal: AbortSignal.any([
            AbortSignal.timeout(requestTimeoutMs),
            ...(signal ? [signal] : []),
          ]),
        });
      } catch (error) {
        if (!idempotent || attempt >= attempts || signal?.aborted) {
          throw new Error(`${request}: ${(error as Error).message}`, { cause: error });
        }
        await sleep(250 * 2 ** attempt);
        continue;
      }
      const refusedUntouched = response.status === 429 || response.status === 503;
      if (refusedUntouched && attempt < attempts && !signal?.aborted) {
        const { retryAfter } = await ApiRequestError.read(response, request);
        await sleep(retryAfter ? Math.min(retryAfter, maxWaitMs) : 500 * attempt);
        continue;
      }
      return readAnswer(response, schema, request);
    }
  }
  const at = (method: string, path: string) => `${method} ${new URL(path, baseUrl)}`;

  return {
    async predict(texts, clientId) {
      const answer = await call(PredictResponse, at('POST', '/api/predict'), false, (init) =>
        api.api.predict.$post(
          { json: { texts, client_id: clientId, source: 'simulator' } },
          { init },
        ),
      );
      return answer.predictions;
    },
    sendEvents(events) {
      if (events.length > limits.maxEventsPerBatch) {
        throw new Error(
          `at most ${limits.maxEventsPerBatch} events per upload, got ${events.length}`,
        );
      }
      return call(EventBatchResult, at('POST', '/api/events'), true, (init) =>
        api.api.events.$post({ json: { events } }, { init }),
      );
    },
    async servedModel() {
      const { models } = await call(ServedModels, at('GET', '/api/models'), true, (init) =>
        api.api.models.$get(undefined, { init }),
      );
      const [served] = models;
      if (!served) throw new Error(`${at('GET', '/api/models')}: no model in the response`);
      return served.name;
    },
    async champion(model) {
      const version = await call(
        ModelVersionMetadata,
        at('GET', `/api/models/${encodeURIComponent(model)}/aliases/champion`),
        true,
        (init) =>
          api.api.models[':name'].aliases[':alias'].$get(
            { param: { name: encodeURIComponent(model), alias: 'champion' } },
            { init },
          ),
      );
      return { name: version.name, version: version.version };
    },
    async quality() {
      try {
        return await call(QualityResponse, at('GET', '/api/quality?window=1h'), true, (init) =>
          api.api.quality.$get({ query: { window: '1h' } }, { init }),
        );
      } catch (error) {
        if (error instanceof ApiRequestError && error.status === 404) return undefined;
        throw error;
      }
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
