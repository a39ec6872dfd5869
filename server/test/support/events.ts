import { randomUUID } from 'node:crypto';
import type { EventInput } from '@polarity/core/contracts';

/** A well-formed prediction event as the browser's outbox sends it. */
export function predictionEvent(
  overrides: Partial<Record<keyof EventInput | string, unknown>> = {},
) {
  return {
    type: 'prediction',
    id: randomUUID(),
    created_at: new Date(Date.now() - 60_000).toISOString(),
    client_id: 'reliability-client',
    source: 'web',
    model: { name: 'polarity-sentiment', version: '1' },
    label: 'positive',
    probabilities: { negative: 0.25, positive: 0.75 },
    runtime: 'wasm',
    latency_ms: 4,
    text: 'Sturdy, quiet and easy to clean.',
    ...overrides,
  };
}

/** A well-formed feedback event on `predictionId`. */
export function feedbackEvent(predictionId: string, overrides: Record<string, unknown> = {}) {
  return {
    type: 'feedback',
    id: randomUUID(),
    created_at: new Date().toISOString(),
    client_id: 'reliability-client',
    prediction_id: predictionId,
    label: 'negative',
    ...overrides,
  };
}

/** `count` events: predictions, every third followed by feedback on it. */
export function mixedEvents(count: number) {
  const events: Record<string, unknown>[] = [];
  while (events.length < count) {
    const prediction = predictionEvent({ text: `Review number ${events.length}: does the job.` });
    events.push(prediction);
    if (events.length % 3 === 0 && events.length < count) events.push(feedbackEvent(prediction.id));
  }
  return events;
}
