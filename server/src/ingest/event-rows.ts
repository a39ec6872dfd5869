import type { FeedbackEvent, PredictionEvent } from '@polarity/core/contracts';
import type { feedback, predictions } from '../db/schema.ts';
import type { PredictionValues } from './event-store.ts';
import { textDigest, textSha256 } from './text-digest.ts';

export type PredictionRow = typeof predictions.$inferInsert;
/** The judged prediction's time is looked up when the row is stored (`upsertFeedback`). */
export type FeedbackRow = Omit<typeof feedback.$inferInsert, 'predictionCreatedAt'>;

export function predictionRow(event: PredictionEvent, storeText: boolean): PredictionRow {
  return {
    id: event.id,
    createdAt: new Date(event.created_at),
    modelName: event.model.name,
    modelVersion: event.model.version,
    label: event.label,
    probNegative: event.probabilities.negative,
    probPositive: event.probabilities.positive,
    runtime: event.runtime,
    latencyMs: event.latency_ms,
    ...textDigest(event.text),
    text: storeText ? event.text : null,
    clientId: event.client_id,
    source: event.source,
    shadow: event.shadow,
    tokenCount: event.token_count ?? null,
    unknownTokenRate: event.unknown_token_rate ?? null,
    caveat: event.caveat?.code ?? null,
  };
}

/**
 * An event stored by position, as `predictionValues(predictionRow(event, storeText))` writes it
 * without the row between (its `Date` and its object cost the API about 1 µs an event).
 */
export function eventValues(event: PredictionEvent, storeText: boolean): PredictionValues {
  const { text } = event;
  return [
    event.id,
    utcTime(event.created_at),
    event.model.name,
    event.model.version,
    event.label,
    event.probabilities.negative,
    event.probabilities.positive,
    event.runtime,
    event.latency_ms,
    text.length,
    storeText ? text : null,
    textSha256(text),
    event.client_id,
    event.source,
    event.shadow,
    event.token_count ?? null,
    event.unknown_token_rate ?? null,
    event.caveat?.code ?? null,
  ];
}

/** What `toISOString` writes: a time in this form is its own ISO string, with no `Date` made. */
const isoUtc = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** A valid `EventTime` as `new Date(time).toISOString()` writes it. */
function utcTime(time: string): string {
  return isoUtc.test(time) ? time : new Date(time).toISOString();
}

export function feedbackRow(event: FeedbackEvent): FeedbackRow {
  return {
    predictionId: event.prediction_id,
    eventId: event.id,
    label: event.label,
    createdAt: new Date(event.created_at),
    clientId: event.client_id,
  };
}
