/**
 * postgres.js 3.4 can throw, outside any promise, from a write it scheduled on a socket that
 * closed in between (the database went away mid-request): `TypeError: Cannot read properties
 * of null (reading 'write')` from its connection.js. That connection and its query have already
 * failed and been answered with 503; the process must not die with it. Nothing else matches.
 */
export function isPostgresClosedSocketWrite(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    /reading 'write'/.test(error.message) &&
    (error.stack ?? '').includes('/postgres/src/connection.js')
  );
}

/** Keeps the process alive through that one race; every other uncaught exception still exits 1. */
export function survivePostgresWriteRace(): void {
  process.on('uncaughtException', (error) => {
    if (isPostgresClosedSocketWrite(error)) {
      console.error(`polarity: database connection lost mid-write (${error.message})`);
      return;
    }
    console.error(error);
    process.exit(1);
  });
}
