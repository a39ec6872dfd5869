/**
 * Errors that mean "the database cannot be reached right now", as opposed to a query the
 * database refused. The first are the client's cue to retry (503); the second are bugs (500).
 */
const connectionErrnos = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/** SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57P admin shutdown / crash. */
const unavailableSqlState = /^(08|53|57P)/;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 8; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      (connectionErrnos.has(code) || unavailableSqlState.test(code))
    ) {
      return true;
    }
    if (cause instanceof Error && /PGlite is closed/i.test(cause.message)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** The database is unreachable; the request changed nothing and can be retried. */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
  constructor(operation: string, options: { cause: unknown }) {
    super(`${operation}: the database is unavailable`, options);
  }
}
