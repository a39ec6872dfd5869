import { toStorableText } from '@polarity/core/contracts';

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

/** The error and its causes, outermost first (drizzle wraps the driver's error). */
function* causes(error: unknown): Generator<unknown> {
  for (let cause = error, depth = 0; cause && depth < 8; depth++) {
    yield cause;
    cause = (cause as { cause?: unknown }).cause;
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  for (const cause of causes(error)) {
    const code = codeOf(cause);
    if (code && (connectionErrnos.has(code) || unavailableSqlState.test(code))) return true;
    if (cause instanceof Error && /PGlite is closed/i.test(cause.message)) return true;
  }
  return false;
}

/** The SQLSTATE the database answered with, if it answered. */
export function sqlStateOf(error: unknown): string | undefined {
  for (const cause of causes(error)) {
    const code = codeOf(cause);
    if (code && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * Two writers raced for the same unique key (or deadlocked, or lost a serialisation check):
 * running the transaction again sees the winner's row and stores nothing twice.
 */
export function isConcurrentConflict(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state === '23505' || state === '40001' || state === '40P01';
}

/**
 * The database refused a value it was given (class 22 data exception, 23 integrity violation,
 * 54 program limit): something in the rows, not the database, is at fault, so the rows are worth
 * isolating. Anything else (a missing table, a syntax error) would fail every row alike.
 */
export function isRowRefused(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state !== undefined && /^(22|23|54)/.test(state);
}

/** The refusal as one storable line: the database's message may quote the very bytes it refused. */
export function describeRefusal(error: unknown): string {
  const state = sqlStateOf(error);
  const messages = [...causes(error)]
    .map((cause) => (cause instanceof Error ? cause.message : String(cause)))
    .filter((message, index, all) => all.indexOf(message) === index);
  const text = `${state ? `${state}: ` : ''}${messages.at(-1) ?? 'refused'}`;
  return toStorableText(text).slice(0, 2000);
}

/** The database is unreachable; the request changed nothing and can be retried. */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
  constructor(operation: string, options: { cause: unknown }) {
    super(`${operation}: the database is unavailable`, options);
  }
}
