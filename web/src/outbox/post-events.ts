import { ApiRequestError, EventBatchResult, type EventInput } from '@polarity/core/contracts';
import type { ApiClient } from '../api/typed-client.ts';
import type { RejectionReason } from './rejected-events.ts';

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

/** `bodyBytes`: the request body's length, which the caller measured while building the batch. */
export async function postEvents(
  api: ApiClient,
  events: readonly EventInput[],
  bodyBytes: number,
): Promise<BatchAnswer> {
  let response: Awaited<ReturnType<typeof api.api.events.$post>>;
  try {
    // Browsers cap keepalive bodies at 64 KiB; a bigger batch is sent without it.
    const keepalive = bodyBytes < 60_000;
    response = await api.api.events.$post(
      { json: { events: [...events] } },
      { init: { keepalive } },
    );
  } catch (error) {
    return { kind: 'retry', retryAfter: undefined, reason: `network: ${String(error)}` };
  }
  if (response.ok) {
    const parsed = EventBatchResult.safeParse(await response.json().catch(() => undefined));
    return parsed.success
      ? { kind: 'judged', result: parsed.data }
      : { kind: 'retry', retryAfter: undefined, reason: 'unreadable response from the server' };
  }
  const refused = await ApiRequestError.read(response, 'POST /api/events');
  if (refusedForContent.has(refused.status)) {
    const { code, serverMessage: message, field, status } = refused;
    return { kind: 'refused', reason: { code, message, status, ...(field ? { field } : {}) } };
  }
  return {
    kind: 'retry',
    retryAfter: refused.retryAfter,
    reason: `HTTP ${refused.status} ${refused.code} ${refused.serverMessage}`,
  };
}
