import { ApiRequestError, type RefusedResponse } from '@polarity/core/contracts';
import type { AppType } from '@polarity/server/app';
import { hc } from 'hono/client';
import type { z } from 'zod';

/**
 * The API with the server's own route types (`hc<AppType>`): paths, parameters and request
 * bodies are checked by the compiler. Only types come from the server; no server code is
 * bundled. Relative to the page (or the service worker) unless given an origin; `fetch` is
 * swappable for tests.
 */
export function createApiClient(baseUrl = '/', fetchImpl?: typeof fetch) {
  return hc<AppType>(baseUrl, fetchImpl ? { fetch: fetchImpl } : undefined);
}
export type ApiClient = ReturnType<typeof createApiClient>;

export interface AnswerResponse extends RefusedResponse {
  ok: boolean;
  json(): Promise<unknown>;
}

/**
 * The body of a 2xx answer, checked against the shared contract (a cached app may meet a newer
 * server); any other answer throws ApiRequestError with the server's code, field and Retry-After.
 */
export async function readAnswer<S extends z.ZodType>(
  response: AnswerResponse,
  schema: S,
  request: string,
): Promise<z.infer<S>> {
  if (!response.ok) throw await ApiRequestError.read(response, request);
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new Error(`${request}: unexpected answer: ${parsed.error.message}`);
  return parsed.data;
}
