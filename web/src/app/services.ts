import type { EventInput } from '@polarity/core/contracts';
import type { ClassifierService } from '../model-lifecycle/classifier-service.ts';
import { clientId } from '../outbox/client-id.ts';
import { createOutbox, type Outbox } from '../outbox/outbox.ts';
import { startOutboxSync } from '../outbox/outbox-sync.ts';

/** The page's long-lived objects, created once at start-up. */
export interface Services {
  clientId: string;
  classifier: ClassifierService;
  outbox: Outbox;
  /** Persists the event in the outbox, then lets the sync loop deliver it. */
  record(event: EventInput): Promise<void>;
  recordMany(events: readonly EventInput[]): Promise<void>;
}

export async function createServices(classifier: ClassifierService): Promise<Services> {
  const id = clientId();
  const outbox = await createOutbox();
  const sync = startOutboxSync(outbox);
  return {
    clientId: id,
    classifier,
    outbox,
    async record(event) {
      await outbox.enqueue(event);
      sync.eventQueued();
    },
    async recordMany(events) {
      if (events.length === 0) return;
      await outbox.enqueueMany(events);
      sync.eventQueued();
    },
  };
}
