import type { Context, MiddlewareHandler } from 'hono';
import { limitedResponse } from '../openapi/api-errors.ts';
import { createTokenBuckets } from './token-buckets.ts';

export interface RateLimitOptions {
  /** sustained requests per second per client; 0 turns limiting off */
  ratePerSecond: number;
  /** requests a client may send at once before the sustained rate applies */
  burst: number;
  /** who the client is: by default the client id header, else the peer address */
  clientKey: (c: Context) => string;
  /** clients tracked at once; the least recently seen are forgotten first */
  maxClients?: number;
}

/**
 * A token bucket per client, in memory. With several API replicas each holds its own buckets,
 * so the effective limit is per replica; that is enough to stop one runaway client.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const buckets = createTokenBuckets({
    ratePerSecond: options.ratePerSecond,
    capacity: options.burst,
    ...(options.maxClients !== undefined && { maxClients: options.maxClients }),
  });
  return async (c, next) => {
    if (options.ratePerSecond <= 0) return next();
    const bucket = buckets.refilled(options.clientKey(c));
    if (bucket.tokens < 1) {
      const retryAfter = Math.ceil((1 - bucket.tokens) / options.ratePerSecond);
      return limitedResponse(
        c,
        'rate_limited',
        `too many requests from this client; retry after ${retryAfter} s`,
        retryAfter,
      );
    }
    bucket.tokens -= 1;
    return next();
  };
}
