export interface TokenBucket {
  /** what is left now; may be negative where a large request was let into debt */
  tokens: number;
  updatedAt: number;
}

export interface TokenBucketsOptions {
  /** tokens refilled per second */
  ratePerSecond: number;
  /** a full bucket, and where a new client starts */
  capacity: number;
  /** clients tracked at once; the least recently seen are forgotten first */
  maxClients?: number;
}

/**
 * One token bucket per client key, in memory and per replica: enough to stop one runaway client.
 * `refilled` returns the client's bucket topped up for the time since it was last seen; callers
 * take from `tokens` themselves, since the request limit and the inference budget spend differently.
 */
export function createTokenBuckets(options: TokenBucketsOptions) {
  const buckets = new Map<string, TokenBucket>();
  const maxClients = options.maxClients ?? 100_000;
  return {
    refilled(key: string): TokenBucket {
      const now = performance.now();
      const bucket = buckets.get(key) ?? { tokens: options.capacity, updatedAt: now };
      bucket.tokens = Math.min(
        options.capacity,
        bucket.tokens + ((now - bucket.updatedAt) / 1000) * options.ratePerSecond,
      );
      bucket.updatedAt = now;
      // Re-inserting keeps the map in least-recently-seen order, so the oldest goes first.
      buckets.delete(key);
      buckets.set(key, bucket);
      if (buckets.size > maxClients) buckets.delete(buckets.keys().next().value!);
      return bucket;
    },
  };
}
