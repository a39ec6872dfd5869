const baseRetryDelay = 1_000; // ms
export const maxRetryDelay = 5 * 60_000; // ms

/**
 * How long to wait before the next attempt: the server's Retry-After when it sent one,
 * otherwise exponential backoff with full jitter (so many clients coming back online at once
 * do not retry in lockstep).
 */
export function retryDelay(
  attempt: number,
  retryAfter: number | undefined,
  random = Math.random,
): number {
  if (retryAfter !== undefined) return Math.min(retryAfter, maxRetryDelay);
  const ceiling = Math.min(baseRetryDelay * 2 ** attempt, maxRetryDelay);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
