import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import { dayMs } from './partitions.ts';

/**
 * `prediction_created_at` of a verdict whose prediction is not stored yet (an offline client
 * delivered it first, or the prediction never came): such rows wait in `feedback_awaiting`, the
 * partition below any storable time (migration 0006). Storing the prediction moves its verdict
 * to the prediction's day in the same statement (`adoptOnInsert`).
 */
export const awaitingPrediction = `'-infinity'::timestamptz`;

/**
 * SQL that follows the CTE `inserted` (predictions just stored, with `id` and `created_at`):
 * moves the verdicts awaiting them to their day. The target key cannot be taken: the prediction
 * was not visible before this statement, so no verdict could be stored under its time.
 */
export function adoptOnInsert(inserted: string): string {
  return `adopted as (
      update feedback f set prediction_created_at = i.created_at
        from ${inserted} i
       where f.prediction_created_at = ${awaitingPrediction} and f.prediction_id = i.id)`;
}

/**
 * Moves every awaiting verdict whose prediction is stored to that prediction's day. Storing a
 * prediction does it for verdicts that were committed before it; this catches the race the
 * statement cannot see (verdict and prediction in two concurrent transactions, each blind to the
 * other's row). If the prediction got a verdict of its own meanwhile, the later one wins, as in
 * ingestion. The moved row is stamped received now, so the quality monitor, which follows
 * `received_at`, counts it. `receivedSince` limits the sweep to verdicts received since then
 * (the race leaves only recent ones); without it every awaiting verdict is looked up once.
 * `sweptAt` is the database's clock, the one received_at is stamped with.
 */
export async function adoptAwaitingFeedback(
  db: Database,
  receivedSince?: Date,
): Promise<{ adopted: number; sweptAt: Date }> {
  const since = receivedSince
    ? sql`and f.received_at > ${receivedSince.toISOString()}::timestamptz`
    : sql``;
  const [row] = rowsOf<{ count: number; now_ms: number }>(
    await db.execute(sql`
      with found as (
        select f.prediction_id, max(p.created_at) as created_at
          from feedback f join predictions p on p.id = f.prediction_id
         where f.prediction_created_at = ${sql.raw(awaitingPrediction)} ${since}
         group by f.prediction_id),
      moved as (
        delete from feedback f using found
         where f.prediction_created_at = ${sql.raw(awaitingPrediction)}
           and f.prediction_id = found.prediction_id
        returning f.prediction_id, found.created_at as prediction_created_at, f.event_id, f.label,
                  f.created_at, f.client_id),
      adopted as (
        insert into feedback (prediction_id, prediction_created_at, event_id, label, created_at, client_id)
        select * from moved
        on conflict (prediction_id, prediction_created_at) do update
           set event_id = excluded.event_id, label = excluded.label,
               created_at = excluded.created_at, received_at = excluded.received_at,
               client_id = excluded.client_id
         where excluded.created_at >= feedback.created_at)
      select count(*)::int as count, (extract(epoch from now()) * 1000)::float8 as now_ms
        from moved`),
  );
  return { adopted: row?.count ?? 0, sweptAt: new Date(row?.now_ms ?? Date.now()) };
}

/**
 * Deletes verdicts given more than `retentionDays` before `now` whose prediction never arrived:
 * the day partitions that retention drops never hold them.
 */
export async function deleteExpiredAwaitingFeedback(
  db: Database,
  retentionDays: number,
  now = new Date(),
): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * dayMs).toISOString();
  const [row] = rowsOf<{ count: number }>(
    await db.execute(sql`
      with gone as (
        delete from feedback
         where prediction_created_at = ${sql.raw(awaitingPrediction)}
           and created_at < ${cutoff}::timestamptz
        returning 1)
      select count(*)::int as count from gone`),
  );
  return row?.count ?? 0;
}
