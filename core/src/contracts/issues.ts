import type { z } from 'zod';

/** `a.b.0.c`, the dotted path clients use to point at the offending input. */
function dottedPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * The first problem with its path, then every problem, so one answer fixes the whole input.
 * The server words its errors this way, and the browser its own checks, so they read alike.
 */
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
