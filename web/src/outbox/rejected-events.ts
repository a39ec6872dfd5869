import type { EventInput } from '@polarity/core/contracts';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/** Why an event will never be sent again: the server's answer, or the contract's check here. */
export interface RejectionReason {
  code: string;
  message: string;
  field?: string;
  /** the HTTP status when the whole request was refused for this event alone */
  status?: number;
}

export interface RejectedEvent {
  event: EventInput;
  reason: RejectionReason;
  /** ms since epoch */
  rejectedAt: number;
}

interface RejectedSchema extends DBSchema {
  rejected: { key: string; value: RejectedEvent; indexes: { rejectedAt: number } };
}

/**
 * Events refused for good, kept where the user can see why, never resent. A database of its
 * own, not a new store in the outbox's: adding a store means a version upgrade, which waits for
 * every tab still running an older build to close, and the page waits for its outbox to open.
 */
export interface RejectedEvents {
  /** Writes (or rewrites) each entry under its event id. */
  add(entries: readonly RejectedEvent[]): Promise<void>;
  /** Newest first. */
  list(): Promise<RejectedEvent[]>;
  count(): Promise<number>;
  /** Forgets the given events, or all of them when no ids are given. */
  dismiss(ids?: readonly string[]): Promise<void>;
  close(): void;
}

export async function openRejectedEvents(name: string): Promise<RejectedEvents> {
  const db: IDBPDatabase<RejectedSchema> = await openDB<RejectedSchema>(name, 1, {
    upgrade(database) {
      database
        .createObjectStore('rejected', { keyPath: 'event.id' })
        .createIndex('rejectedAt', 'rejectedAt');
    },
  });
  return {
    async add(entries) {
      if (entries.length === 0) return;
      const tx = db.transaction('rejected', 'readwrite');
      await Promise.all([...entries.map((entry) => tx.store.put(entry)), tx.done]);
    },
    list: async () => (await db.getAllFromIndex('rejected', 'rejectedAt')).reverse(),
    count: () => db.count('rejected'),
    async dismiss(ids) {
      if (ids === undefined) return db.clear('rejected');
      const tx = db.transaction('rejected', 'readwrite');
      await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
    },
    close: () => db.close(),
  };
}
