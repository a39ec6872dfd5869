import type { EventInput } from '@polarity/core/contracts';
import { feedbackEvent, predictionEvent } from '@polarity/server/testing/events';
import { openOutboxDb } from '../../src/outbox/outbox-db.ts';

let second = 0;
/** Events one second apart, in the order they are made, as a page records them. */
const nextTime = () => new Date(Date.UTC(2026, 0, 1, 0, 0, second++)).toISOString();

/** A well-formed prediction as the page records it. */
export function prediction(overrides: Record<string, unknown> = {}): EventInput {
  return predictionEvent({
    created_at: nextTime(),
    client_id: 'outbox-test-client',
    shadow: false,
    ...overrides,
  }) as EventInput;
}

/** A well-formed verdict on `predictionId`. */
export function feedback(predictionId: string = crypto.randomUUID()): EventInput {
  return feedbackEvent(predictionId, {
    created_at: nextTime(),
    client_id: 'outbox-test-client',
  }) as EventInput;
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
