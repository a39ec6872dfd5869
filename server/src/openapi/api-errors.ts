import { ApiError } from '@polarity/core/contracts';
import type { Context } from 'hono';
import type { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export function errorBody(code: string, message: string, field?: string): ApiError {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

/** The JSON error for an HTTPException thrown by hono or its middleware (body parsing, media type). */
export function httpExceptionResponse(c: Context, error: HTTPException): Response {
  const status = error.status as ContentfulStatusCode;
  const code = httpErrorCodes[status] ?? 'http_error';
  return c.json(errorBody(code, error.message || code), status);
}

const httpErrorCodes: Partial<Record<ContentfulStatusCode, string>> = {
  400: 'malformed_json',
  401: 'unauthorized',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** OpenAPI response entries for the errors a route can answer. */
export function errorResponses<const S extends ContentfulStatusCode>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: errorDescriptions[status] ?? 'error',
        content: { 'application/json': { schema: ApiError } },
      },
    ]),
  ) as {
    [K in S]: { description: string; content: { 'application/json': { schema: typeof ApiError } } };
  };
}

const errorDescriptions: Partial<Record<ContentfulStatusCode, string>> = {
  400: 'malformed JSON',
  401: 'missing or wrong bearer token',
  403: 'admin routes are disabled (ADMIN_TOKEN unset)',
  404: 'unknown model, version, alias or file',
  409: 'the change would leave the served model without its champion',
  413: 'request body larger than 1 MiB',
  415: 'content type is not application/json',
  422: 'the body does not match the schema; `field` is the dotted path',
  429: 'too many writes from this client (RATE_LIMIT_PER_SECOND, RATE_LIMIT_BURST), or more review text to score than its inference budget (INFERENCE_BUDGET_CHARS_PER_SECOND, INFERENCE_BUDGET_BURST_CHARS); retry after the Retry-After seconds',
  502: 'a model file failed its sha256 check and was not served',
  503: 'storage, registry or inference queue unavailable; retry after the Retry-After seconds',
};

/** How long a client should wait before retrying a 503, in seconds, unless the cause says less. */
const retryAfterSeconds = 5;

export function unavailableResponse(
  c: Context,
  code: string,
  message: string,
  retryAfterS = retryAfterSeconds,
) {
  c.header('Retry-After', String(retryAfterS));
  return c.json(errorBody(code, message), 503);
}

/** A client over one of its limits: nothing was done, and `Retry-After` says when to come back. */
export function limitedResponse(c: Context, code: string, message: string, retryAfterS: number) {
  c.header('Retry-After', String(retryAfterS));
  return c.json(errorBody(code, message), 429);
}
