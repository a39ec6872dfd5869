import { limits } from '@polarity/core/contracts';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorBody } from './api-errors.ts';

const tooLarge = (c: Context) =>
  c.json(
    errorBody('payload_too_large', `request body is larger than ${limits.maxBodyBytes} bytes`),
    413,
  );

const limitStreamedBody = bodyLimit({ maxSize: limits.maxBodyBytes, onError: tooLarge });

/**
 * Refuses bodies over `limits.maxBodyBytes` before they are read in full. A body with a
 * Content-Length is judged by the header alone, as bodyLimit would: bodyLimit first touches
 * `c.req.raw.body`, which makes @hono/node-server build a full web Request (stream, abort
 * signal), the costliest step of a small POST. Chunked bodies still go through bodyLimit.
 */
export const jsonBodyLimit: MiddlewareHandler = (c, next) => {
  const length = c.req.header('content-length');
  if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
    return Number.parseInt(length, 10) > limits.maxBodyBytes
      ? Promise.resolve(tooLarge(c))
      : next();
  }
  return limitStreamedBody(c, next);
};
