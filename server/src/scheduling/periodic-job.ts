/** A job that runs at start and then at a fixed interval. */
export interface PeriodicJob<T> {
  /** One run now (or the one in progress); resolves with what it did. */
  runOnce(): Promise<T>;
  stop(): void;
}

/**
 * Runs `run` at once and every `intervalMs`. Runs never overlap: a call during one gets that
 * one. A failed run (database down, a lock not granted in time) is logged with `name` and
 * retried at the next tick, so one bad hour never stops the job. The timer does not hold the
 * process open.
 */
export function schedulePeriodicJob<T>(
  name: string,
  intervalMs: number,
  run: () => Promise<T>,
): PeriodicJob<T> {
  let running: Promise<T> | undefined;
  const runOnce = () => {
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  };
  const tick = () =>
    void runOnce().catch((error: unknown) =>
      console.error(`polarity: ${name} failed, retrying next run: ${(error as Error).message}`),
    );
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return { runOnce, stop: () => clearInterval(timer) };
}
