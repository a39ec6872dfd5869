import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import { feedback, predictions } from '../db/schema.ts';
import { adoptOnInsert, awaitingPrediction } from '../storage/awaiting-feedback.ts';
import type { FeedbackRow, PredictionRow } from './event-rows.ts';

/**
 * A prediction as one element of the JSON document `insertPredictionValues` stores: the columns
 * of `predictionColumns`, by position. Positions rather than keys shorten the document (300
 * against 520 bytes for the bench's event), so the API spends less on writing it and sending it:
 * 6.7–7.7 against 9.5–10.3 µs of CPU a row, while Postgres spends about what it spent on
 * `json_to_recordset` of the keyed one (21.4–22.6 against 21.4–24.6 µs; `npm run
 * bench:ingest-sql -w server`, 16 connections, 2026-12-06 under load). The time is its ISO string:
 * a `Date` inside sends JSON.stringify down its slow path for the whole document.
 */
export type PredictionValues = [
  id: string,
  createdAt: string,
  modelName: string,
  modelVersion: string,
  label: string,
  probNegative: number,
  probPositive: number,
  runtime: string,
  latencyMs: number,
  textLength: number,
  text: string | null,
  textSha256: string,
  clientId: string,
  source: string,
  shadow: boolean,
  tokenCount: number | null,
  unknownTokenRate: number | null,
  caveat: string | null,
];

export function predictionValues(row: PredictionRow): PredictionValues {
  return [
    row.id,
    row.createdAt.toISOString(),
    row.modelName,
    row.modelVersion,
    row.label,
    row.probNegative,
    row.probPositive,
    row.runtime,
    row.latencyMs,
    row.textLength,
    row.text ?? null,
    row.textSha256,
    row.clientId,
    row.source,
    row.shadow ?? false,
    row.tokenCount ?? null,
    row.unknownTokenRate ?? null,
    row.caveat ?? null,
  ];
}

/**
 * Two predictions with one id stamped less than this apart are one event: EventTime takes a
 * client clock up to a day ahead, so a copy re-stamped by a skewed clock falls inside.
 */
const sameEventWindowMs = 24 * 60 * 60 * 1000;
const sameEventWindow = `${sameEventWindowMs} milliseconds`;

/** The columns ingestion writes with their types, in `PredictionValues` order. */
const typedColumns = [
  ['id', 'uuid'],
  ['created_at', 'timestamptz'],
  ['model_name', 'text'],
  ['model_version', 'text'],
  ['label', 'text'],
  ['prob_negative', 'double precision'],
  ['prob_positive', 'double precision'],
  ['runtime', 'text'],
  ['latency_ms', 'double precision'],
  ['text_length', 'integer'],
  ['text', 'text'],
  ['text_sha256', 'text'],
  ['client_id', 'text'],
  ['source', 'text'],
  ['shadow', 'boolean'],
  ['token_count', 'integer'],
  ['unknown_token_rate', 'double precision'],
  ['caveat', 'text'],
] as const;

/** The columns ingestion writes, in `PredictionValues` order. */
export const predictionColumnNames = typedColumns.map(([name]) => name);
/** Their SQL types, in the same order. */
export const predictionColumnTypes = typedColumns.map(([, type]) => type);
/** The same, as `insertUnstoredPredictions`' source must name them. */
const predictionColumns = predictionColumnNames.join(', ');

/** Each element of a document of `PredictionValues`, `e`, as the columns' values. */
export const valuesByPosition = typedColumns
  .map(([name, type], i) => `(e->>${i})::${type} as ${name}`)
  .join(', ');

/** Where a stored copy of any of `rows` could be: their time span, widened by the window. */
export interface StoredSpan {
  /** SQL timestamptz literals, exclusive bounds */
  after: string;
  before: string;
}

/**
 * The span as constants in the statement's text, so the planner prunes the day partitions
 * outside it before planning them. Bounds computed in SQL (`min(created_at)` of the batch) are
 * only known when it runs: then every statement planned all 90 days' partitions (about 7 ms of
 * its 14 at 500 rows) and locked each of them and their indexes. Made from `Date`s, so nothing
 * a client sent reaches the SQL text.
 */
export function storedSpan(rows: readonly PredictionValues[]): StoredSpan {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    const at = Date.parse(row[1]);
    if (at < first) first = at;
    if (at > last) last = at;
  }
  const literal = (at: number) => `'${new Date(at).toISOString()}'::timestamptz`;
  return { after: literal(first - sameEventWindowMs), before: literal(last + sameEventWindowMs) };
}

/**
 * SQL that follows `with <source> as materialized (...)`: inserts the source's rows whose id is
 * not stored within `sameEventWindow` of their time; returns the ids of the rows it did not
 * insert, none in the common case, instead of the 500 it did: Postgres spends about the same
 * (an anti-join against writing each id out), and the API reads no rows back. The stored ids
 * are looked up once for the whole batch (one index scan per partition of `span`), not once per
 * row and partition: with 90 days of partitions a per-row probe of every partition costs about
 * 1 ms a row, and even a per-row probe of the window's two or three partitions halves the insert
 * rate. `span` is `storedSpan` of the source's rows; without it (`ids: 'server'`) the look-up is
 * skipped for ids this server minted, whose only copies are retries of the same row, same time.
 * Verdicts that arrived before their prediction move to its day in the same statement
 * (`adoptOnInsert`).
 */
export function insertUnstoredPredictions(
  source: string,
  span?: StoredSpan,
  storedKey: StoredKey = 'skip',
): string {
  const lookup = !span
    ? ''
    : `, stored as (
      select p.id, p.created_at from predictions p
      where p.id = any(array(select id from ${source}))
        and p.created_at > ${span.after} and p.created_at < ${span.before})`;
  const unstored = !span
    ? ''
    : `where not exists (
      select 1 from stored s
      where s.id = r.id
        and s.created_at > r.created_at - interval '${sameEventWindow}'
        and s.created_at < r.created_at + interval '${sameEventWindow}')`;
  return `${lookup}, inserted as (
    insert into predictions (${predictionColumns})
    select ${predictionColumns} from ${source} r
    ${unstored}
    ${storedKey === 'skip' ? 'on conflict (id, created_at) do nothing' : ''}
    returning id, created_at), ${adoptOnInsert('inserted')}
    select r.id from ${source} r
     where not exists (select 1 from inserted i where i.id = r.id and i.created_at = r.created_at)`;
}

/**
 * What an insert does with a row whose key (id, time) is stored already, which only a concurrent
 * copy of it or a retry of a stored row without the look-up can be: 'skip' it (`on conflict do
 * nothing`), or 'fail' with a unique violation (23505). Skipping costs Postgres 3–7 µs a row
 * whether or not anything conflicts (speculative insertion: `npm run bench:insert-stages -w
 * server`), so ingestion inserts with 'fail' and runs the batch again with 'skip' when it fails.
 */
export type StoredKey = 'skip' | 'fail';

/** Who made a prediction's id: a client (which may reuse one), or this server (randomUUID). */
export type IdOrigin = 'client' | 'server';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
type Queryable = Database | Transaction;

export interface KnownPrediction {
  label: string;
  modelVersion: string;
}

/** The SQL of ingestion, in one place so the PGlite-vs-Postgres parity test can run all of it. */
export function eventQueries(db: Queryable) {
  async function insertPredictionValues(
    rows: PredictionValues[],
    ids: IdOrigin = 'client',
    storedKey: StoredKey = 'skip',
  ): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    // The rows' ids are canonical (`CanonicalUuid`, `randomUUID`), as Postgres writes a uuid.
    // Taken before the statement, so the rows are garbage while it runs.
    const inserted = new Set(rows.map((row) => row[0]));
    const skipped = rowsOf<{ id: string }>(
      await db.execute(sql`
        with incoming as materialized (
          select ${sql.raw(valuesByPosition)}
            from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) as e)
        ${sql.raw(insertUnstoredPredictions('incoming', ids === 'client' ? storedSpan(rows) : undefined, storedKey))}`),
    );
    for (const { id } of skipped) inserted.delete(id);
    return inserted;
  }

  return {
    /**
     * Stores the predictions not already stored; returns the ids it inserted. The table's key is
     * (id, created_at), as its partitioning by day requires: the conflict clause makes a resent
     * event (same id, same time) and a concurrent copy a no-op, and `insertUnstoredPredictions`
     * makes an id stored at another time within `sameEventWindow` a duplicate too (with
     * `insertPredictionValues`' `storedKey` 'fail', a concurrent copy fails the insert instead,
     * for the caller to retry with 'skip'). Not covered:
     * one id at two times further apart (stored as two events), or at two times in two
     * concurrent requests; a resend keeps its time, so only a client reusing ids does that. The
     * rows travel as one jsonb parameter of `PredictionValues`: building a 17-column multi-row
     * insert per request costs the API more CPU than scoring the text does; `unnest` of one array
     * per column and `COPY` into a staging table merged with `on conflict` cost Postgres 2–3 µs a
     * row less (18.6–19.8 µs) but the API 2–4 µs more (8.7–11.0 µs: postgres.js writes arrays
     * element by element, and COPY's text in JS), so the sum is the same and more of it lands on
     * the API's one thread (`npm run bench:ingest-sql -w server`, 16 connections).
     */
    insertPredictions(rows: PredictionRow[], ids: IdOrigin = 'client'): Promise<Set<string>> {
      return insertPredictionValues(rows.map(predictionValues), ids);
    },

    /**
     * `insertPredictions` of rows already written as the document's elements; `storedKey` says
     * what a key stored meanwhile does to the insert.
     */
    insertPredictionValues,

    async storedFeedbackEventIds(eventIds: string[]): Promise<Set<string>> {
      if (eventIds.length === 0) return new Set();
      const rows = await db
        .select({ eventId: feedback.eventId })
        .from(feedback)
        .where(inArray(feedback.eventId, eventIds));
      return new Set(rows.map((row) => row.eventId));
    },

    /**
     * One row per prediction, the latest verdict wins: a feedback older than the stored one is
     * dropped, and re-sending the stored event rewrites nothing. Each row is keyed by the time
     * of the prediction it judges (feedback is partitioned by that day), looked up once for the
     * batch; a verdict on a prediction not stored yet waits under `awaitingPrediction`. Of an id
     * stored at several times, the latest is judged. `rows` must hold at most one row per
     * prediction (Postgres cannot update a row twice in one statement). Returns the event ids
     * now stored.
     */
    async upsertFeedback(rows: FeedbackRow[]): Promise<Set<string>> {
      if (rows.length === 0) return new Set();
      const records = rows.map((row) => ({
        prediction_id: row.predictionId,
        event_id: row.eventId,
        label: row.label,
        created_at: row.createdAt,
        client_id: row.clientId,
      }));
      const written = rowsOf<{ event_id: string }>(
        await db.execute(sql`
          with incoming as materialized (
            select * from json_to_recordset(${JSON.stringify(records)}::json) as r(
              prediction_id uuid, event_id uuid, label text, created_at timestamptz, client_id text)),
          judged as (
            select p.id, max(p.created_at) as created_at from predictions p
             where p.id = any(array(select prediction_id from incoming))
             group by p.id)
          insert into feedback (prediction_id, prediction_created_at, event_id, label, created_at,
                                client_id)
          select i.prediction_id, coalesce(j.created_at, ${sql.raw(awaitingPrediction)}),
                 i.event_id, i.label, i.created_at, i.client_id
            from incoming i left join judged j on j.id = i.prediction_id
          on conflict (prediction_id, prediction_created_at) do update
             set event_id = excluded.event_id, label = excluded.label,
                 created_at = excluded.created_at, received_at = excluded.received_at,
                 client_id = excluded.client_id
           where excluded.created_at >= feedback.created_at
             and feedback.event_id <> excluded.event_id
          returning event_id`),
      );
      return new Set(written.map((row) => row.event_id));
    },

    async knownPredictions(ids: string[]): Promise<Map<string, KnownPrediction>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({
          id: predictions.id,
          label: predictions.label,
          modelVersion: predictions.modelVersion,
        })
        .from(predictions)
        .where(inArray(predictions.id, ids));
      return new Map(rows.map(({ id, ...known }) => [id, known]));
    },
  };
}

export type EventQueries = ReturnType<typeof eventQueries>;

/** Runs `work` in one transaction: a batch is stored whole or not at all. */
export function inTransaction<T>(
  db: Database,
  work: (queries: EventQueries) => Promise<T>,
): Promise<T> {
  return db.transaction((tx) => work(eventQueries(tx)));
}
