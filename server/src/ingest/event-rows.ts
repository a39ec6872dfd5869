import type { FeedbackEvent, PredictionEvent } from '@polarity/core/contracts';
import type { feedback, predictions } from '../db/schema.ts';
import { textDigest } from './text-digest.ts';

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

export function feedbackRow(event: FeedbackEvent): FeedbackRow {
  return {
    predictionId: event.prediction_id,
    eventId: event.id,
    label: event.label,
    createdAt: new Date(event.created_at),
    clientId: event.client_id,
  };
}
