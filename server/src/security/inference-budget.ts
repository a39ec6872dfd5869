export interface InferenceBudgetOptions {
  /** characters of review text per second per client; 0 turns the budget off */
  charsPerSecond: number;
  /** characters a client may send at once before the sustained rate applies */
  burstChars: number;
  /** clients tracked at once; the least recently seen are forgotten first */
  maxClients?: number;
}

interface Bucket {
  chars: number;
  updatedAt: number;
}

/**
 * A token bucket of inference work (characters of review text) per client, in memory and per
 * replica, like the request rate limit. A client may send while its bucket is above zero; the
 * request's characters are then taken, down below zero if it is large, and the client waits
 * until the debt is refilled. So the largest request is always possible, and whether a client
 * must wait is known before its body is read.
 */
export function createInferenceBudget(options: InferenceBudgetOptions) {
  const buckets = new Map<string, Bucket>();
  const maxClients = options.maxClients ?? 100_000;
  const off = options.charsPerSecond <= 0;

  function bucketOf(client: string): Bucket {
    const now = performance.now();
    const bucket = buckets.get(client) ?? { chars: options.burstChars, updatedAt: now };
    bucket.chars = Math.min(
      options.burstChars,
      bucket.chars + ((now - bucket.updatedAt) / 1000) * options.charsPerSecond,
    );
    bucket.updatedAt = now;
    buckets.delete(client);
    buckets.set(client, bucket);
    if (buckets.size > maxClients) buckets.delete(buckets.keys().next().value!);
    return bucket;
  }

  /** Whole seconds until the bucket is above zero again; 0 when the client may send now. */
  function wait(bucket: Bucket): number {
    return bucket.chars > 0 ? 0 : Math.max(1, Math.ceil(-bucket.chars / options.charsPerSecond));
  }

  return {
    /** Takes `chars` if `client` may send now (→ 0); else takes nothing and says how many seconds to wait. */
    take(client: string, chars: number): number {
      if (off) return 0;
      const bucket = bucketOf(client);
      const seconds = wait(bucket);
      if (seconds === 0) bucket.chars -= chars;
      return seconds;
    },
    /** Gives back `chars` taken for work not done (negative: takes more, as a settled cost may). */
    giveBack(client: string, chars: number): void {
      if (off) return;
      const bucket = bucketOf(client);
      bucket.chars = Math.min(options.burstChars, bucket.chars + chars);
    },
  };
}

export type InferenceBudget = ReturnType<typeof createInferenceBudget>;
