import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import type { BucketRef, BucketRow } from './bucket-queries.ts';

type Queryable = Pick<Database, 'execute'>;

/**
 * The persisted rollups a tracker may start from: every minute from `coveredFrom` on, up to date
 * with rows received before `watermark`. Minutes before `coveredFrom` are not stored yet (the
 * monitor backfills the week newest first, a bounded chunk per cycle).
 */
export interface StoredRollups {
  watermark: Date;
  coveredFrom: Date;
  rows: BucketRow[];
}

/**
 * The stored minutes since `since`, if they were binned with the profiles of `fingerprint`;
 * undefined when nothing is stored yet or the profiles changed (every histogram is then stale).
 */
export async function readRollups(
  db: Queryable,
  fingerprint: string,
  since: Date,
): Promise<StoredRollups | undefined> {
  const [state] = rowsOf<{ watermark_ms: number; covered_from_ms: number; profiles: string }>(
    await db.execute(sql`
      select (extract(epoch from watermark) * 1000)::float8 as watermark_ms,
             (extract(epoch from covered_from) * 1000)::float8 as covered_from_ms, profiles
        from quality_rollup_state where id = 1`),
  );
  if (!state || state.profiles !== fingerprint) return undefined;
  const rows = rowsOf<BucketRow>(
    await db.execute(sql`
      select model_name as model, model_version as version,
             (extract(epoch from minute) * 1000)::float8 as minute,
             predictions, predicted_positive, confidence_sum, feedback, confidence_sum_with_feedback,
             negative_negative, negative_positive, positive_negative, positive_positive,
             text_length_bins, unknown_token_rate_bins, caveated
        from quality_minutes
       where minute >= ${since.toISOString()}::timestamptz`),
  );
  return {
    watermark: new Date(state.watermark_ms),
    coveredFrom: new Date(state.covered_from_ms),
    rows,
  };
}

/** A JSON array of counts as int[], in its order. */
function binsOf(json: SQL): SQL {
  return sql`array(select e.value::int from jsonb_array_elements_text(${json}) with ordinality as e(value, n) order by e.n)`;
}

export interface RollupWrite {
  /** The buckets recomputed this cycle because rows arrived in them. */
  replaced: BucketRef[];
  /** The minutes [from, to) recomputed whole this cycle (`to` null: no end), if any. */
  backfilled: { from: Date; to: Date | null } | undefined;
  /** Their new counts (a replaced bucket with no row left has none). */
  rows: BucketRow[];
  /** Minutes before it are not stored: not yet backfilled, or out of the window. */
  keepFrom: Date;
  coveredFrom: Date;
  watermark: Date;
  fingerprint: string;
}

/**
 * Stores what a cycle recomputed, in the caller's transaction, so the minutes, the watermark
 * they are up to date with and where their coverage starts always move together.
 */
export async function writeRollups(db: Queryable, write: RollupWrite): Promise<void> {
  await db.execute(
    sql`delete from quality_minutes where minute < ${write.keepFrom.toISOString()}::timestamptz`,
  );
  if (write.replaced.length > 0) {
    await db.execute(sql`
      delete from quality_minutes q
       using jsonb_to_recordset(${JSON.stringify(write.replaced)}::jsonb)
          as d(model text, version text, minute float8)
       where q.model_name = d.model and q.model_version = d.version
         and q.minute = to_timestamp(d.minute / 1000)`);
  }
  if (write.backfilled) {
    const { from, to } = write.backfilled;
    await db.execute(sql`
      delete from quality_minutes where minute >= ${from.toISOString()}::timestamptz
      ${to ? sql`and minute < ${to.toISOString()}::timestamptz` : sql``}`);
  }
  if (write.rows.length > 0) {
    await db.execute(sql`
      insert into quality_minutes
      select r.model, r.version, to_timestamp(r.minute / 1000), r.predictions, r.predicted_positive,
             r.confidence_sum, r.feedback, r.confidence_sum_with_feedback, r.negative_negative,
             r.negative_positive, r.positive_negative, r.positive_positive,
             ${binsOf(sql`r.text_length_bins`)}, ${binsOf(sql`r.unknown_token_rate_bins`)},
             ${binsOf(sql`r.caveated`)}
        from jsonb_to_recordset(${JSON.stringify(write.rows)}::jsonb) as r(
             model text, version text, minute float8, predictions int, predicted_positive int,
             confidence_sum float8, feedback int, confidence_sum_with_feedback float8,
             negative_negative int, negative_positive int, positive_negative int,
             positive_positive int, text_length_bins jsonb, unknown_token_rate_bins jsonb,
             caveated jsonb)`);
  }
  await db.execute(sql`
    insert into quality_rollup_state (id, watermark, covered_from, profiles)
    values (1, ${write.watermark.toISOString()}::timestamptz,
            ${write.coveredFrom.toISOString()}::timestamptz, ${write.fingerprint})
    on conflict (id) do update
       set watermark = excluded.watermark, covered_from = excluded.covered_from,
           profiles = excluded.profiles`);
}
