import type { EventInput, Label, PredictionResult } from '@polarity/core/contracts';

/**
 * Whether a result is the page's to record: the server logs what it predicts itself, so only
 * browser predictions go through the outbox.
 */
export function recordedByPage(result: Pick<PredictionResult, 'runtime'>): boolean {
  return result.runtime !== 'server';
}

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
    caveat: result.caveat,
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
