import { createTokenBuckets, type TokenBucket } from './token-buckets.ts';

export interface InferenceBudgetOptions {
  /** characters of review text per second per client; 0 turns the budget off */
  charsPerSecond: number;
  /** characters a client may send at once before the sustained rate applies */
  burstChars: number;
  /** clients tracked at once; the least recently seen are forgotten first */
  maxClients?: number;
}

/**
 * A token bucket of inference work (characters of review text) per client, in memory and per
 * replica, like the request rate limit. A client may send while its bucket is above zero; the
 * request's characters are then taken, down below zero if it is large, and the client waits
 * until the debt is refilled. So the largest request is always possible, and whether a client
 * must wait is known before its body is read.
 */
export function createInferenceBudget(options: InferenceBudgetOptions) {
  const buckets = createTokenBuckets({
    ratePerSecond: options.charsPerSecond,
    capacity: options.burstChars,
    ...(options.maxClients !== undefined && { maxClients: options.maxClients }),
  });
  const off = options.charsPerSecond <= 0;

  /** Whole seconds until the bucket is above zero again; 0 when the client may send now. */
  function wait(bucket: TokenBucket): number {
    return bucket.tokens > 0 ? 0 : Math.max(1, Math.ceil(-bucket.tokens / options.charsPerSecond));
  }

  return {
    /** Takes `chars` if `client` may send now (→ 0); else takes nothing and says how many seconds to wait. */
    take(client: string, chars: number): number {
      if (off) return 0;
      const bucket = buckets.refilled(client);
      const seconds = wait(bucket);
      if (seconds === 0) bucket.tokens -= chars;
      return seconds;
    },
    /** Gives back `chars` taken for work not done (negative: takes more, as a settled cost may). */
    giveBack(client: string, chars: number): void {
      if (off) return;
      const bucket = buckets.refilled(client);
      bucket.tokens = Math.min(options.burstChars, bucket.tokens + chars);
    },
  };
}

export type InferenceBudget = ReturnType<typeof createInferenceBudget>;
