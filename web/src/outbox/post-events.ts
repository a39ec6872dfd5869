import { ApiError, EventBatchResult, type EventInput } from '@polarity/core/contracts';
import type { RejectionReason } from './rejected-events.ts';
import { parseRetryAfter } from './retry-delay.ts';

/** What one `POST` of a batch came to. */
export type BatchAnswer =
  /** the server judged each event: stored, already stored, or refused in `errors` */
  | { kind: 'judged'; result: EventBatchResult }
  /** the whole request was refused for what it carries: some event in it, or its size */
  | { kind: 'refused'; reason: RejectionReason }
  /** nothing was judged; the same events may succeed later */
  | { kind: 'retry'; retryAfter: number | undefined; reason: string };

/**
 * Statuses that blame the body. Others blame the moment or the path to the server (a proxy's
 * 401/403/404, a 415 while the client always sends JSON): no event is at fault, so they are
 * retried rather than splitting the batch down to refusing every event in it.
 */
const refusedForContent = new Set([400, 413, 422]);

export async function postEvents(
  fetchEvents: typeof fetch,
  endpoint: string,
  events: readonly EventInput[],
): Promise<BatchAnswer> {
  const body = JSON.stringify({ events });
  let response: Response;
  try {
    response = await fetchEvents(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      // Browsers cap keepalive bodies at 64 KiB; a bigger batch is sent without it.
      keepalive: body.length < 60_000,
    });
  } catch (error) {
    return { kind: 'retry', retryAfter: undefined, reason: `network: ${String(error)}` };
  }
  if (response.ok) {
    const parsed = EventBatchResult.safeParse(await response.json().catch(() => undefined));
    return parsed.success
      ? { kind: 'judged', result: parsed.data }
      : { kind: 'retry', retryAfter: undefined, reason: 'unreadable response from the server' };
  }
  const text = await response.text().catch(() => '');
  if (refusedForContent.has(response.status)) {
    return { kind: 'refused', reason: refusal(response.status, text) };
  }
  return {
    kind: 'retry',
    retryAfter: parseRetryAfter(response.headers.get('Retry-After')),
    reason: `HTTP ${response.status} ${text.slice(0, 200)}`.trim(),
  };
}

/** The API's `{error}` body when there is one, else the status and the start of the body. */
function refusal(status: number, text: string): RejectionReason {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = ApiError.safeParse(json);
  if (parsed.success) return { ...parsed.data.error, status };
  return { code: `http_${status}`, message: text.slice(0, 200) || `HTTP ${status}`, status };
}
