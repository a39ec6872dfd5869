import type { EventInput } from '@polarity/core/contracts';
import { openOutboxDb } from '../../src/outbox/outbox-db.ts';

let second = 0;

/** A well-formed prediction as the page records it. */
export function prediction(overrides: Record<string, unknown> = {}): EventInput {
  return {
    type: 'prediction',
    id: crypto.randomUUID(),
    created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, second++)).toISOString(),
    client_id: 'outbox-test-client',
    source: 'web',
    model: { name: 'polarity-sentiment', version: '1' },
    label: 'positive',
    probabilities: { negative: 0.25, positive: 0.75 },
    runtime: 'wasm',
    latency_ms: 4,
    text: 'Sturdy, quiet and easy to clean.',
    shadow: false,
    ...overrides,
  } as EventInput;
}

/** A well-formed verdict on `predictionId`. */
export function feedback(predictionId: string = crypto.randomUUID()): EventInput {
  return {
    type: 'feedback',
    id: crypto.randomUUID(),
    created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, second++)).toISOString(),
    client_id: 'outbox-test-client',
    prediction_id: predictionId,
    label: 'negative',
  };
}

/**
 * Writes events straight into the outbox's queue, past the contract check `enqueue` makes: as
 * an older build of the app, with a looser contract, would have queued them.
 */
export async function queueAsOlderBuild(dbName: string, events: readonly unknown[]) {
  const db = await openOutboxDb(dbName);
  const tx = db.transaction('events', 'readwrite');
  await Promise.all([
    ...events.map((event, i) =>
      tx.store.put({ event: event as EventInput, queuedAt: Date.now() + i * 1e-3 }),
    ),
    tx.done,
  ]);
  db.close();
}

/** A verdict the contract refuses: its label is neither positive nor negative. */
export function feedbackWithBadLabel(): EventInput {
  return { ...feedback(), label: 'maybe' } as unknown as EventInput;
}
