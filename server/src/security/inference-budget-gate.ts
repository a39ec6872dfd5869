import type { Context, MiddlewareHandler } from 'hono';
import { limitedResponse } from '../openapi/api-errors.ts';
import { clientKey } from './client-key.ts';
import type { InferenceBudget } from './inference-budget.ts';

function budgetExceeded(c: Context, seconds: number) {
  return limitedResponse(
    c,
    'inference_budget_exceeded',
    `this client sent more review text than its inference budget (INFERENCE_BUDGET_CHARS_PER_SECOND, INFERENCE_BUDGET_BURST_CHARS); retry after ${seconds} s`,
    seconds,
  );
}

/** A JSON body of n bytes holds at most n characters of text, so this never under-reserves. */
function declaredChars(c: Context): number {
  const length = Number.parseInt(c.req.header('content-length') ?? '', 10);
  return Number.isFinite(length) && length > 0 ? length : 0;
}

/**
 * Checks a request against its client's inference budget before the body is read: the body's
 * declared size is reserved, so a burst sent at once is refused request by request without
 * parsing what the budget would refuse anyway. A request that scores texts then `settle`s at
 * the characters it scored; any other outcome (invalid body, 503, error) gives it all back.
 */
export function inferenceBudgetGate(budget: InferenceBudget) {
  const reserved = new WeakMap<Context, { client: string; chars: number }>();
  const gate: MiddlewareHandler = async (c, next) => {
    const client = clientKey(c);
    const chars = declaredChars(c);
    const seconds = budget.take(client, chars);
    if (seconds > 0) return budgetExceeded(c, seconds);
    reserved.set(c, { client, chars });
    await next();
    const unsettled = reserved.get(c);
    if (unsettled) budget.giveBack(unsettled.client, unsettled.chars);
  };
  /** The request's texts were scored: its cost is `chars`, their characters. */
  const settle = (c: Context, chars: number) => {
    const reservation = reserved.get(c);
    if (!reservation) return;
    reserved.delete(c);
    budget.giveBack(reservation.client, reservation.chars - chars);
  };
  return { gate, settle };
}
