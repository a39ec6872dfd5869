import type { Hook } from '@hono/zod-openapi';
import { describeIssues } from '@polarity/core/contracts';
import type { z } from 'zod';
import { errorBody } from './api-errors.ts';

/** Every route's schema violation is a 422 naming the field. */
// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by routes of every input type
export const validationHook: Hook<any, any, any, any> = (result, c) => {
  if (result.success) return;
  const { message, field } = describeIssues(result.error as z.ZodError);
  return c.json(errorBody('invalid_request', message, field), 422);
};
