import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import { type PeriodicJob, schedulePeriodicJob } from '../scheduling/periodic-job.ts';

const dayMs = 86_400_000;

/** Rows erased per statement, so one run never holds many row locks or one long transaction. */
const erasedPerStatement = 5_000;

/** How often the job runs, ms: texts live at most this much longer than TEXT_RETENTION_DAYS. */
const retentionIntervalMs = 3_600_000;

/**
 * Erases the text of every prediction received more than `days` days before `now`. The row
 * stays: its label, probabilities, sha256 and length still feed quality metrics, and its
 * feedback (keyed by prediction id) is untouched. The server's receipt time is used, not the
 * client's `created_at`, so a skewed client clock cannot keep a text longer. Returns the count.
 */
export async function eraseExpiredTexts(
  db: Database,
  days: number,
  now = new Date(),
): Promise<number> {
  const cutoff = new Date(now.getTime() - days * dayMs);
  let erased = 0;
  for (;;) {
    const result = await db.execute<{ id: string }>(sql`
      update predictions set text = null
      where (id, created_at) in (
        select id, created_at from predictions
        where text is not null and received_at < ${cutoff.toISOString()}::timestamptz
        limit ${erasedPerStatement}
      )
      returning id`);
    const count = rowsOf<{ id: string }>(result).length;
    erased += count;
    if (count < erasedPerStatement) return erased;
  }
}

/** `runOnce` resolves with the number of texts erased. */
export type RetentionJob = PeriodicJob<number>;

/**
 * Runs `eraseExpiredTexts` at start and every `intervalMs`. A failed run (database down) is
 * logged and retried at the next tick; runs never overlap.
 */
export function scheduleRetention(options: {
  db: Database;
  days: number;
  intervalMs?: number;
  log?: (line: string) => void;
}): RetentionJob {
  const log = options.log ?? ((line) => console.log(line));
  return schedulePeriodicJob(
    `text retention (${options.days} days)`,
    options.intervalMs ?? retentionIntervalMs,
    () =>
      eraseExpiredTexts(options.db, options.days).then((erased) => {
        if (erased > 0)
          log(`polarity: erased ${erased} review texts older than ${options.days} days`);
        return erased;
      }),
  );
}
