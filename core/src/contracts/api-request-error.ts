import { ApiError } from './errors.ts';

/** What a refused answer offers to read: a fetch Response, or Hono's typed ClientResponse. */
export interface RefusedResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/**
 * A non-2xx answer from the API, as every client sees it (the web app, its outbox, the
 * simulator): the status, the server's error code, message and offending field, and how long
 * the server asked to wait (Retry-After) before trying again.
 */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    /** the server's own message, without the request in front */
    readonly serverMessage: string,
    /** e.g. `POST /api/events`, for the message */
    readonly request: string,
    readonly field?: string,
    /** ms, from Retry-After; undefined when the server sent none */
    readonly retryAfter?: number,
  ) {
    super(`${request}: ${status} ${serverMessage}${field ? ` (field ${field})` : ''}`);
  }

  /** Reads the API's `{error}` body when there is one, else the status and the start of the body. */
  static async read(response: RefusedResponse, request: string): Promise<ApiRequestError> {
    const text = await response.text().catch(() => '');
    const parsed = ApiError.safeParse(parseJson(text));
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    if (parsed.success) {
      const { code, message, field } = parsed.data.error;
      return new ApiRequestError(response.status, code, message, request, field, retryAfter);
    }
    return new ApiRequestError(
      response.status,
      `http_${response.status}`,
      text.slice(0, 200) || `HTTP ${response.status}`,
      request,
      undefined,
      retryAfter,
    );
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Retry-After in ms: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
