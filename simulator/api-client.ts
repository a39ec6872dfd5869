import {
  ApiError,
  type Event,
  EventBatchResult,
  limits,
  ModelVersionMetadata,
  type PredictionResult,
  PredictResponse,
  QualityResponse,
} from '@polarity/core/contracts';
import type { z } from 'zod';

/** An error answer from the API, after any retries, with the API's error code. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

const attempts = 4;
const maxWaitMs = 5_000; // the longest Retry-After honoured before giving up on an attempt
const requestTimeoutMs = 15_000;

export interface ApiClient {
  predict(texts: string[], clientId: string): Promise<PredictionResult[]>;
  /** Events are idempotent by id, so a failed upload is retried with the very same events. */
  sendEvents(events: Event[]): Promise<EventBatchResult>;
  champion(model: string): Promise<{ name: string; version: string }>;
  /** undefined when the server offers no quality endpoint */
  quality(): Promise<QualityResponse | undefined>;
}

/**
 * The public API as a browser uses it. Only refusals that stored nothing (429, 503) are retried
 * for predictions; event uploads are also retried after network errors, since ids make them safe.
 */
export function createApiClient(baseUrl: string, signal?: AbortSignal): ApiClient {
  async function call<T extends z.ZodType>(
    schema: T,
    path: string,
    init: RequestInit & { idempotent: boolean },
  ): Promise<z.infer<T>> {
    const url = new URL(path, baseUrl);
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, {
          ...init,
          signal: AbortSignal.any([
            AbortSignal.timeout(requestTimeoutMs),
            ...(signal ? [signal] : []),
          ]),
        });
      } catch (error) {
        if (!init.idempotent || attempt >= attempts || signal?.aborted) {
          throw new Error(`${init.method ?? 'GET'} ${url}: ${(error as Error).message}`, {
            cause: error,
          });
        }
        await sleep(250 * 2 ** attempt);
        continue;
      }
      const body: unknown = await response.json().catch(() => undefined);
      if (response.ok) {
        const parsed = schema.safeParse(body);
        if (!parsed.success) {
          throw new Error(
            `${init.method ?? 'GET'} ${url}: unexpected answer: ${parsed.error.message}`,
          );
        }
        return parsed.data;
      }
      const refusedUntouched = response.status === 429 || response.status === 503;
      if (refusedUntouched && attempt < attempts && !signal?.aborted) {
        const retryAfterS = Number(response.headers.get('retry-after'));
        await sleep(
          Number.isFinite(retryAfterS) && retryAfterS > 0
            ? Math.min(retryAfterS * 1000, maxWaitMs)
            : 500 * attempt,
        );
        continue;
      }
      const error = ApiError.safeParse(body);
      throw new ApiCallError(
        response.status,
        error.success ? error.data.error.code : 'http_error',
        `${init.method ?? 'GET'} ${url}: ${response.status} ${error.success ? error.data.error.message : response.statusText}`,
      );
    }
  }

  const json = (body: unknown) => ({
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });

  return {
    async predict(texts, clientId) {
      const answer = await call(PredictResponse, '/api/predict', {
        method: 'POST',
        idempotent: false,
        ...json({ texts, client_id: clientId, source: 'simulator' }),
      });
      return answer.predictions;
    },
    sendEvents(events) {
      if (events.length > limits.maxEventsPerBatch) {
        throw new Error(
          `at most ${limits.maxEventsPerBatch} events per upload, got ${events.length}`,
        );
      }
      return call(EventBatchResult, '/api/events', {
        method: 'POST',
        idempotent: true,
        ...json({ events }),
      });
    },
    async champion(model) {
      const version = await call(
        ModelVersionMetadata,
        `/api/models/${encodeURIComponent(model)}/aliases/champion`,
        {
          idempotent: true,
        },
      );
      return { name: version.name, version: version.version };
    },
    async quality() {
      try {
        return await call(QualityResponse, '/api/quality?window=1h', { idempotent: true });
      } catch (error) {
        if (error instanceof ApiCallError && error.status === 404) return undefined;
        throw error;
      }
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
