import { limits } from '@polarity/core/contracts';
import { bodyLimit } from 'hono/body-limit';
import { errorBody } from './api-errors.ts';

/** Refuses bodies over `limits.maxBodyBytes` before they are read in full. */
export const jsonBodyLimit = bodyLimit({
  maxSize: limits.maxBodyBytes,
  onError: (c) =>
    c.json(
      errorBody('payload_too_large', `request body is larger than ${limits.maxBodyBytes} bytes`),
      413,
    ),
});
