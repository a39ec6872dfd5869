import type { Hook } from '@hono/zod-openapi';
import type { z } from 'zod';
import { errorBody } from './api-errors.ts';

/** `a.b.0.c`, the dotted path clients use to point at the offending input. */
function dottedPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** The first problem with its path, then every problem, so one answer fixes the whole request. */
export function describeIssues(error: z.ZodError): { message: string; field?: string } {
  const [first] = error.issues;
  const message = error.issues
    .map((issue) =>
      issue.path.length > 0 ? `${dottedPath(issue.path)}: ${issue.message}` : issue.message,
    )
    .join('; ');
  const field = first && first.path.length > 0 ? dottedPath(first.path) : undefined;
  return field === undefined ? { message } : { message, field };
}

/** Every route's schema violation is a 422 naming the field. */
// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by routes of every input type
export const validationHook: Hook<any, any, any, any> = (result, c) => {
  if (result.success) return;
  const { message, field } = describeIssues(result.error as z.ZodError);
  return c.json(errorBody('invalid_request', message, field), 422);
};
