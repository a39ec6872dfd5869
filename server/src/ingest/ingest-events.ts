import {
  Event,
  type EventBatchResult,
  type FeedbackEvent,
  type PredictionEvent,
} from '@polarity/core/contracts';
import type { Database } from '../db/client.ts';
import type { ServiceMetrics } from '../metrics/service-metrics.ts';
import { describeIssues } from '../openapi/validation-hook.ts';
import { isDatabaseUnavailable, StorageUnavailableError } from './database-errors.ts';
import { feedbackRow, predictionRow } from './event-rows.ts';
import { type EventQueries, inTransaction, type KnownPrediction } from './event-store.ts';

type EventError = EventBatchResult['errors'][number];

export interface IngestDeps {
  db: Database;
  storeText: boolean;
  metrics: ServiceMetrics;
}

interface Checked {
  predictions: PredictionEvent[];
  feedback: FeedbackEvent[];
  errors: EventError[];
}

/** Each event is validated on its own; a repeated id inside the batch keeps only its first. */
function checkEvents(raw: unknown[]): Checked {
  const checked: Checked = { predictions: [], feedback: [], errors: [] };
  const firstIndex = new Map<string, number>();
  raw.forEach((candidate, index) => {
    const rawId = (candidate as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' ? rawId : undefined;
    const parsed = Event.safeParse(candidate);
    if (!parsed.success) {
      const { message, field } = describeIssues(parsed.error);
      checked.errors.push({
        index,
        ...(id && { id }),
        code: 'invalid_event',
        message,
        ...(field && { field }),
      });
      return;
    }
    const event = parsed.data;
    const earlier = firstIndex.get(event.id);
    if (earlier !== undefined) {
      checked.errors.push({
        index,
        id: event.id,
        code: 'duplicate_in_batch',
        message: `event id ${event.id} already appears at index ${earlier} of this batch; only the first is stored`,
        field: 'id',
      });
      return;
    }
    firstIndex.set(event.id, index);
    if (event.type === 'prediction') checked.predictions.push(event);
    else checked.feedback.push(event);
  });
  return checked;
}

/** The latest verdict per prediction (a later one in the batch wins a tie). */
function latestPerPrediction(events: FeedbackEvent[]): FeedbackEvent[] {
  const latest = new Map<string, FeedbackEvent>();
  for (const event of events) {
    const held = latest.get(event.prediction_id);
    if (!held || Date.parse(event.created_at) >= Date.parse(held.created_at)) {
      latest.set(event.prediction_id, event);
    }
  }
  return [...latest.values()];
}

interface Stored {
  insertedPredictions: Set<string>;
  duplicateFeedback: Set<string>;
  known: Map<string, KnownPrediction>;
}

async function store(queries: EventQueries, checked: Checked, storeText: boolean): Promise<Stored> {
  const insertedPredictions = await queries.insertPredictions(
    checked.predictions.map((event) => predictionRow(event, storeText)),
  );
  const duplicateFeedback = await queries.storedFeedbackEventIds(checked.feedback.map((e) => e.id));
  const fresh = checked.feedback.filter((event) => !duplicateFeedback.has(event.id));
  await queries.upsertFeedback(latestPerPrediction(fresh).map(feedbackRow));
  const known = await queries.knownPredictions([...new Set(fresh.map((e) => e.prediction_id))]);
  return { insertedPredictions, duplicateFeedback, known };
}

/**
 * Stores a batch idempotently by event id, in one transaction. Feedback may precede its
 * prediction; an older verdict than the stored one is accepted and dropped.
 */
export function createEventIngestor({ db, storeText, metrics }: IngestDeps) {
  return async function ingest(raw: unknown[]): Promise<EventBatchResult> {
    const checked = checkEvents(raw);
    let stored: Stored;
    try {
      stored = await inTransaction(db, (queries) => store(queries, checked, storeText));
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      metrics.dbQueryErrors.inc({ operation: 'ingest_events' });
      throw new StorageUnavailableError(`storing ${raw.length} events`, { cause: error });
    }

    const receivedAt = Date.now();
    let accepted = 0;
    let duplicates = 0;
    for (const event of checked.predictions) {
      if (!stored.insertedPredictions.has(event.id)) {
        duplicates++;
        metrics.eventsIngested.inc({ type: 'prediction', result: 'duplicate' });
        continue;
      }
      accepted++;
      metrics.eventsIngested.inc({ type: 'prediction', result: 'accepted' });
      const version = event.model.version;
      metrics.outboxLag.observe({ type: 'prediction' }, lagSeconds(receivedAt, event.created_at));
      metrics.predictions.inc({
        model_version: version,
        label: event.label,
        runtime: event.runtime,
      });
      if (event.runtime !== 'server') {
        metrics.clientInferenceDuration.observe(
          { runtime: event.runtime, model_version: version },
          event.latency_ms / 1000,
        );
      }
    }
    for (const event of checked.feedback) {
      if (stored.duplicateFeedback.has(event.id)) {
        duplicates++;
        metrics.eventsIngested.inc({ type: 'feedback', result: 'duplicate' });
        continue;
      }
      accepted++;
      metrics.eventsIngested.inc({ type: 'feedback', result: 'accepted' });
      metrics.outboxLag.observe({ type: 'feedback' }, lagSeconds(receivedAt, event.created_at));
      const prediction = stored.known.get(event.prediction_id);
      metrics.feedback.inc({
        model_version: prediction?.modelVersion ?? 'unknown',
        outcome: !prediction
          ? 'unknown'
          : prediction.label === event.label
            ? 'correct'
            : 'incorrect',
      });
    }
    const rejected = checked.errors.length;
    if (rejected > 0) metrics.eventsIngested.inc({ type: 'invalid', result: 'rejected' }, rejected);
    return { accepted, duplicates, rejected, errors: checked.errors };
  };
}

/** Clock skew can make a client's timestamp lie in the future; that is no lag, not a negative one. */
function lagSeconds(receivedAt: number, createdAt: string): number {
  return Math.max(0, (receivedAt - Date.parse(createdAt)) / 1000);
}
