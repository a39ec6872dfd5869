import {
  ApiError,
  limits,
  ModelVersionMetadata,
  type PredictionResult,
  PredictResponse,
  QualityResponse,
  type QualityWindow,
} from '@polarity/core/contracts';
import type { z } from 'zod';

export const modelName = 'polarity-sentiment';

/** A non-2xx answer, with the server's error code and message when it sent the standard body. */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(path: string, schema: z.ZodType<T>, init?: RequestInit): Promise<T> {
  const response = await fetch(path, init);
  const body = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = ApiError.safeParse(body);
    const { code, message } = error.success
      ? error.data.error
      : { code: 'http_error', message: `HTTP ${response.status}` };
    throw new ApiRequestError(
      response.status,
      code,
      `${init?.method ?? 'GET'} ${path}: ${message}`,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error(`${path}: unexpected response: ${parsed.error.message}`);
  return parsed.data;
}

/** The version an alias points at; null when the alias is not set. */
export async function fetchAlias(alias: string): Promise<ModelVersionMetadata | null> {
  try {
    return await request(`/api/models/${modelName}/aliases/${alias}`, ModelVersionMetadata, {
      cache: 'no-store',
    });
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 404) return null;
    throw error;
  }
}

export async function predictOnServer(text: string, clientId: string): Promise<PredictionResult> {
  const { predictions } = await request('/api/predict', PredictResponse, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ text, client_id: clientId, source: 'web' }),
  });
  const [prediction] = predictions;
  if (!prediction) throw new Error('POST /api/predict: no prediction in the response');
  return prediction;
}

/** Many texts on the server, in the largest batches the API takes. */
export async function predictManyOnServer(
  texts: string[],
  clientId: string,
  {
    signal,
    onProgress,
  }: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<PredictionResult[]> {
  const out: PredictionResult[] = [];
  for (let start = 0; start < texts.length; start += limits.maxPredictBatch) {
    signal?.throwIfAborted();
    const { predictions } = await request('/api/predict', PredictResponse, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        texts: texts.slice(start, start + limits.maxPredictBatch),
        client_id: clientId,
        source: 'web',
      }),
      signal,
    });
    out.push(...predictions);
    onProgress?.(out.length, texts.length);
  }
  return out;
}

export function fetchQuality(window: QualityWindow): Promise<QualityResponse> {
  return request(`/api/quality?window=${window}`, QualityResponse);
}

export function fetchVersion(name: string, version: string): Promise<ModelVersionMetadata> {
  return request(
    `/api/models/${name}/versions/${encodeURIComponent(version)}`,
    ModelVersionMetadata,
    {
      cache: 'no-store',
    },
  );
}

/** A text file of a version (the model card, config.json), as published. */
export async function fetchModelText(
  model: ModelVersionMetadata,
  file: string,
): Promise<string | null> {
  const entry = model.files.find((candidate) => candidate.name === file);
  if (!entry) return null;
  const response = await fetch(entry.url);
  return response.ok ? response.text() : null;
}
