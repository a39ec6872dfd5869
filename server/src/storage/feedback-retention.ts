import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import { dayMs } from './partitions.ts';

/** Rows deleted per statement, so one run never holds many row locks or one long transaction. */
const deletedPerStatement = 5_000;

/**
 * Deletes verdicts given more than `retentionDays` before `now`. Feedback is not partitioned:
 * its keys (one row per prediction, one per event id) must hold across all days, and a key of a
 * partitioned table must contain the partition key. At most one row per prediction, it is a
 * fraction of `predictions`, and this delete walks `feedback_created_idx`.
 */
export async function deleteExpiredFeedback(
  db: Database,
  retentionDays: number,
  now = new Date(),
): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * dayMs).toISOString();
  let deleted = 0;
  for (;;) {
    const rows = rowsOf<{ count: number }>(
      await db.execute(sql`
        with gone as (
          delete from feedback where prediction_id in (
            select prediction_id from feedback where created_at < ${cutoff}::timestamptz
            limit ${deletedPerStatement})
          returning 1)
        select count(*)::int as count from gone`),
    );
    const count = rows[0]?.count ?? 0;
    deleted += count;
    if (count < deletedPerStatement) return deleted;
  }
}
