import type { EventInput } from '@polarity/core/contracts';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

export interface QueuedEvent {
  event: EventInput;
  /** ms since epoch; sends go oldest first */
  queuedAt: number;
}

interface OutboxSchema extends DBSchema {
  events: { key: string; value: QueuedEvent; indexes: { queuedAt: number } };
}

export type OutboxDb = IDBPDatabase<OutboxSchema>;

/** The same database is opened by every tab and by the service worker (Background Sync). */
export const outboxDbName = 'polarity-outbox';

export function openOutboxDb(name = outboxDbName): Promise<OutboxDb> {
  return openDB<OutboxSchema>(name, 1, {
    upgrade(db) {
      db.createObjectStore('events', { keyPath: 'event.id' }).createIndex('queuedAt', 'queuedAt');
    },
  });
}
