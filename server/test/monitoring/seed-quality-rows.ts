import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';

export const modelName = 'polarity-sentiment';

/** A training profile as the pipeline writes it into a version's config. */
export const trainingProfile = {
  positive_rate: 0.5,
  expected_positive_rate: 0.5,
  text_length_chars: { edges: [0, 100, 200, 400, 800], counts: [10, 30, 30, 20, 10] },
  unknown_token_rate: { edges: [0, 0.02, 0.05, 0.1], counts: [50, 30, 15, 5] },
};

export async function recordVersion(db: Database, version: string, config: unknown): Promise<void> {
  await db.execute(sql`
    insert into model_versions (name, version, created_at, source, config)
    values (${modelName}, ${version}, now(), 'test', ${JSON.stringify(config)}::jsonb)`);
}

/**
 * `count` predictions of `version` spread over the last `spanMinutes` (created_at), about
 * `feedbackShare` of them with feedback that agrees with the prediction `agreeShare` of the time.
 */
export async function seedPredictions(
  db: Database,
  options: {
    version: string;
    count: number;
    spanMinutes: number;
    feedbackShare: number;
    agreeShare: number;
    shadow?: boolean;
  },
): Promise<void> {
  await db.execute(sql`
    insert into predictions (id, created_at, model_name, model_version, label, prob_negative, prob_positive,
                             runtime, latency_ms, text_length, text_sha256, client_id, source, shadow,
                             token_count, unknown_token_rate, caveat)
    select gen_random_uuid(), now() - random() * ${options.spanMinutes} * interval '1 minute', ${modelName},
           ${options.version}, case when r > 0.5 then 'positive' else 'negative' end, 1 - r, r,
           'wasm', 3, (20 + random() * 1000)::int, 'sha', 'client', 'simulator', ${options.shadow ?? false},
           50, case when i % 10 = 0 then null else random() * 0.12 end,
           case when i % 7 = 0 then 'low_confidence' when i % 31 = 0 then 'not_english' end
      from (select i, random() as r from generate_series(1, ${options.count}) as i) as s`);
  await db.execute(sql`
    insert into feedback (prediction_id, prediction_created_at, event_id, label, created_at, client_id)
    select id, created_at, gen_random_uuid(),
           case when random() < ${options.agreeShare} then label
                when label = 'positive' then 'negative' else 'positive' end,
           created_at, 'client'
      from predictions
     where model_version = ${options.version} and random() < ${options.feedbackShare}
    on conflict (prediction_id, prediction_created_at) do nothing`);
}

/** Marks every prediction of `version` wrong, as a stream of 👎 would (a later verdict replaces the earlier). */
export async function contradictFeedback(db: Database, version: string): Promise<void> {
  await db.execute(sql`
    insert into feedback (prediction_id, prediction_created_at, event_id, label, created_at, client_id)
    select id, created_at, gen_random_uuid(), case when label = 'positive' then 'negative' else 'positive' end, now(), 'client'
      from predictions where model_version = ${version}
    on conflict (prediction_id, prediction_created_at) do update
       set label = excluded.label, event_id = excluded.event_id, created_at = excluded.created_at,
           received_at = excluded.received_at`);
}

/**
 * Version 1 (with a training profile) over the last nine days and version 2 (without one) over
 * the last three hours: the two-version week every quality test reads.
 */
export async function seedTwoVersions(
  db: Database,
  counts: { version1: number; version2: number; version2Shadow?: boolean },
): Promise<void> {
  await recordVersion(db, '1', { training_profile: trainingProfile });
  await recordVersion(db, '2', { model_type: 'no profile here' });
  await seedPredictions(db, {
    version: '1',
    count: counts.version1,
    spanMinutes: 9 * 24 * 60,
    feedbackShare: 0.4,
    agreeShare: 0.85,
  });
  await seedPredictions(db, {
    version: '2',
    count: counts.version2,
    spanMinutes: 3 * 60,
    feedbackShare: 0.3,
    agreeShare: 0.9,
    shadow: counts.version2Shadow ?? false,
  });
}

/**
 * Stamps every stored row as received an hour ago, as rows stored long before a monitor starts
 * are: a cycle's watermark overlap (60 s) no longer finds them as new, so only the stored
 * minutes can account for them.
 */
export async function ageReceipts(db: Database): Promise<void> {
  await db.execute(sql`update predictions set received_at = now() - interval '1 hour'`);
  await db.execute(sql`update feedback set received_at = now() - interval '1 hour'`);
}
