import { type CaveatCode, caveatCodes } from '@polarity/core/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';

type Queryable = Pick<Database, 'execute'>;

/** A (model version, minute) bucket to recompute. `minute` is epoch ms. */
export interface BucketRef {
  model: string;
  version: string;
  minute: number;
}

export interface BucketRow extends BucketRef {
  predictions: number;
  predicted_positive: number;
  confidence_sum: number;
  feedback: number;
  confidence_sum_with_feedback: number;
  negative_negative: number;
  negative_positive: number;
  positive_negative: number;
  positive_positive: number;
  /** predictions per caveat code, in `caveatCodes` order */
  caveated: number[];
  /** counts per training-histogram bin, padded to the widest profile; all zero without a profile */
  text_length_bins: number[];
  unknown_token_rate_bins: number[];
}

/** Inner bin edges per version: width_bucket over them gives the training histogram's bin index. */
export interface BinEdges {
  model: string;
  version: string;
  textLength: number[];
  unknownTokenRate: number[];
}

/**
 * Which predictions to aggregate: every one made in [from, to) (`to` null: no end, as clients
 * may stamp a little ahead), or only those in the given buckets.
 */
export type Scope =
  | { kind: 'range'; from: Date; to: Date | null }
  | { kind: 'buckets'; buckets: BucketRef[] };

const minuteOf = sql`(extract(epoch from date_trunc('minute', p.created_at)) * 1000)::float8`;

/**
 * The scoped predictions, each with its feedback label (null without). For buckets, `offset 0`
 * keeps the lateral subquery from being flattened into a join the planner would answer with
 * sequential scans of both tables (it cannot tell that a few buckets select a few rows), and
 * the scalar subquery keeps it from hashing all of feedback per bucket: each bucket is one range
 * scan of the (model, version, created_at) index plus a primary-key probe of feedback per row.
 * Feedback is joined on its whole key, the prediction's id and time: the time is also its
 * partition key, so each probe touches the one partition of the prediction's day (pruned at run
 * time), and a week's pass reads only the week's feedback partitions.
 */
function scopedPredictions(scope: Scope): SQL {
  if (scope.kind === 'range') {
    const within = (column: SQL) =>
      scope.to
        ? sql`${column} >= ${scope.from.toISOString()}::timestamptz and ${column} < ${scope.to.toISOString()}::timestamptz`
        : sql`${column} >= ${scope.from.toISOString()}::timestamptz`;
    return sql`
      select p.*, f.label as feedback_label
        from predictions p
        left join feedback f on f.prediction_id = p.id and f.prediction_created_at = p.created_at
                            and ${within(sql`f.prediction_created_at`)}
       where ${within(sql`p.created_at`)}`;
  }
  return sql`
    select b.* from jsonb_to_recordset(${JSON.stringify(scope.buckets)}::jsonb) as d(model text, version text, minute float8)
     cross join lateral (
       select p.*, (select f.label from feedback f
                     where f.prediction_id = p.id and f.prediction_created_at = p.created_at)
                as feedback_label
         from predictions p
        where p.model_name = d.model and p.model_version = d.version
          and p.created_at >= to_timestamp(d.minute / 1000)
          and p.created_at < to_timestamp(d.minute / 1000) + interval '1 minute'
       offset 0) as b`;
}

/** A bucket with rows received since the watermark, and how many new predictions it got. */
export interface ChangedBucket extends BucketRef {
  arrived: number;
}

/**
 * Buckets made since `since` whose rows changed since `watermark`: new predictions, and new or
 * replaced feedback (the feedback upsert rewrites received_at).
 */
export async function changedBuckets(
  db: Queryable,
  watermark: Date,
  since: Date,
): Promise<ChangedBucket[]> {
  const result = await db.execute(sql`
    select model, version, minute, sum(arrived)::int as arrived from (
      select p.model_name as model, p.model_version as version, ${minuteOf} as minute,
             count(*) as arrived
        from predictions p
       where p.received_at > ${watermark.toISOString()}::timestamptz
         and p.created_at >= ${since.toISOString()}::timestamptz
       group by 1, 2, 3
      union all
      select p.model_name, p.model_version, ${minuteOf}, 0
        from feedback f
        join predictions p on p.id = f.prediction_id and p.created_at = f.prediction_created_at
       where f.received_at > ${watermark.toISOString()}::timestamptz
         and f.prediction_created_at >= ${since.toISOString()}::timestamptz
    ) as changed
    group by 1, 2, 3`);
  return rowsOf<ChangedBucket>(result);
}

/**
 * The first minute (epoch ms) of a chunk holding about the newest `rows` predictions made in
 * [since, before), whole minutes; `since` when fewer are left. One backward walk of the
 * created_at index (`rows` entries), so the chunk's size is known before it is aggregated.
 */
export async function chunkStart(
  db: Queryable,
  since: Date,
  before: Date | null,
  rows: number,
): Promise<number> {
  const until = before ? sql`and created_at < ${before.toISOString()}::timestamptz` : sql``;
  const [row] = rowsOf<{ minute: number }>(
    await db.execute(sql`
      select (extract(epoch from date_trunc('minute', created_at)) * 1000)::float8 as minute
        from predictions
       where created_at >= ${since.toISOString()}::timestamptz ${until}
       order by created_at desc
      offset ${rows - 1} limit 1`),
  );
  return row ? Math.max(row.minute, since.getTime()) : since.getTime();
}

/** `array[count(*) filter (where p.caveat = 'not_english'), …]`, in `caveatCodes` order. */
function caveatCounts(codes: readonly CaveatCode[]): SQL {
  const counts = codes.map((code) => sql`count(*) filter (where p.caveat = ${code})`);
  return sql`array[${sql.join(counts, sql`, `)}]::int[]`;
}

/** `array[count(*) filter (where p.<column> = 0), …]` over `bins` bins. */
function binCounts(column: 'text_length_bin' | 'unknown_token_rate_bin', bins: number): SQL {
  if (bins === 0) return sql`'{}'::int[]`;
  const counts = Array.from(
    { length: bins },
    (_, bin) => sql`count(*) filter (where p.${sql.raw(column)} = ${sql.raw(String(bin))})`,
  );
  return sql`array[${sql.join(counts, sql`, `)}]::int[]`;
}

/**
 * Counts and input histograms per bucket in one pass, aggregated in SQL, each prediction binned
 * with its own version's training edges.
 */
export async function bucketCounts(
  db: Queryable,
  scope: Scope,
  edges: BinEdges[],
): Promise<BucketRow[]> {
  // width_bucket over n inner edges yields bins 0..n.
  const textLengthBins = Math.max(0, ...edges.map((e) => e.textLength.length + 1));
  const unknownTokenRateBins = Math.max(0, ...edges.map((e) => e.unknownTokenRate.length + 1));
  const profiles = JSON.stringify(
    edges.map((e) => ({
      model: e.model,
      version: e.version,
      text_length: e.textLength,
      unknown_token_rate: e.unknownTokenRate,
    })),
  );
  const result = await db.execute(sql`
    with profiles as materialized (
      select e.model, e.version,
             array(select value::float8 from jsonb_array_elements_text(e.text_length) with ordinality
                    order by ordinality) as text_length,
             array(select value::float8 from jsonb_array_elements_text(e.unknown_token_rate) with ordinality
                    order by ordinality) as unknown_token_rate
        from jsonb_to_recordset(${profiles}::jsonb)
          as e(model text, version text, text_length jsonb, unknown_token_rate jsonb)
    )
    select p.model_name as model, p.model_version as version, ${minuteOf} as minute,
           count(*)::int as predictions,
           (count(*) filter (where p.label = 'positive'))::int as predicted_positive,
           sum(greatest(p.prob_negative, p.prob_positive))::float8 as confidence_sum,
           count(p.feedback_label)::int as feedback,
           coalesce(sum(greatest(p.prob_negative, p.prob_positive)) filter (where p.feedback_label is not null), 0)::float8
             as confidence_sum_with_feedback,
           (count(*) filter (where p.feedback_label = 'negative' and p.label = 'negative'))::int as negative_negative,
           (count(*) filter (where p.feedback_label = 'negative' and p.label = 'positive'))::int as negative_positive,
           (count(*) filter (where p.feedback_label = 'positive' and p.label = 'negative'))::int as positive_negative,
           (count(*) filter (where p.feedback_label = 'positive' and p.label = 'positive'))::int as positive_positive,
           ${caveatCounts(caveatCodes)} as caveated,
           ${binCounts('text_length_bin', textLengthBins)} as text_length_bins,
           ${binCounts('unknown_token_rate_bin', unknownTokenRateBins)} as unknown_token_rate_bins
      from (
        -- offset 0: bin each row once, not once per filtered count below
        select s.*, width_bucket(s.text_length::float8, pr.text_length) as text_length_bin,
               width_bucket(s.unknown_token_rate, pr.unknown_token_rate) as unknown_token_rate_bin
          from (${scopedPredictions(scope)}) as s
          left join profiles pr on pr.model = s.model_name and pr.version = s.model_version
        offset 0) as p
     group by 1, 2, 3`);
  return rowsOf<BucketRow>(result);
}
