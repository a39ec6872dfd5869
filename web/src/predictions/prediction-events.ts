import type { EventInput, Label, PredictionResult } from '@polarity/core/contracts';

/** The outbox event for a prediction made in the browser (the server logs its own). */
export function predictionEvent(
  result: Omit<PredictionResult, 'id'> & { id?: string },
  text: string,
  clientId: string,
  shadow: boolean,
): EventInput {
  return {
    type: 'prediction',
    id: result.id ?? crypto.randomUUID(),
    created_at: new Date().toISOString(),
    client_id: clientId,
    source: 'web',
    model: result.model,
    label: result.label,
    probabilities: result.probabilities,
    runtime: result.runtime,
    latency_ms: result.latency_ms,
    text,
    shadow,
    token_count: result.tokenCount,
    unknown_token_rate: result.unknownTokenRate,
  };
}

/** A verdict on a prediction; a later one for the same prediction replaces it on the server. */
export function feedbackEvent(predictionId: string, label: Label, clientId: string): EventInput {
  return {
    type: 'feedback',
    id: crypto.randomUUID(),
    created_at: new Date().toISOString(),
    client_id: clientId,
    prediction_id: predictionId,
    label,
  };
}
