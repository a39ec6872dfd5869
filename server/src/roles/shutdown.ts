/**
 * The one way a role stops: on SIGTERM or SIGINT, once, it runs `stop` (which finishes in-flight
 * work and closes what it opened), then exits 0; a failing step is logged and the exit still
 * happens, so an orchestrator never has to escalate to SIGKILL because of us.
 */
export function stopOnSignal(role: string, stop: () => Promise<void>): void {
  const shutdown = () => {
    stop()
      .catch((error: unknown) =>
        console.error(`polarity ${role}: shutdown step failed: ${(error as Error).message}`),
      )
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

/** Resolves once the HTTP server has stopped accepting and finished its in-flight requests. */
export function closeServer(server: { close(callback: () => void): unknown }): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
