/**
 * Which work is small enough to score on the main thread. A worker round trip (post, clone,
 * wake-up) costs more than scoring one short review, and short reviews are most of the traffic,
 * so they stay here, coalesced per event-loop turn as before. Larger jobs, and small ones past
 * the turn's allowance, go to the worker pool: the main thread never blocks for more than
 * `charsPerTurn` characters of scoring (a few milliseconds) at a time.
 */
export function mainThreadLane({ maxJobChars = 4_096, charsPerTurn = 32_768 } = {}) {
  let used = 0;
  let resetScheduled = false;
  return {
    /** Whether a job of `chars` characters is scored on the main thread (and counted if so). */
    admit(chars: number): boolean {
      if (chars > maxJobChars || used + chars > charsPerTurn) return false;
      used += chars;
      if (!resetScheduled) {
        resetScheduled = true;
        // coalescedRuns scores this turn's jobs in one run at setImmediate; the next turn starts afresh.
        setImmediate(() => {
          used = 0;
          resetScheduled = false;
        });
      }
      return true;
    },
  };
}
