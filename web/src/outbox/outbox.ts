import { EventBatchResult, type EventInput, limits } from '@polarity/core/contracts';
import { type OutboxDb, openOutboxDb } from './outbox-db.ts';
import { parseRetryAfter, retryDelay } from './retry-delay.ts';

export interface OutboxOptions {
  dbName?: string;
  /** `POST` target taking `{events}`. */
  endpoint?: string;
  fetch?: typeof fetch;
  batchSize?: number;
  random?: () => number;
}

export type FlushOutcome =
  | { kind: 'empty' }
  | { kind: 'sent'; accepted: number; duplicates: number; dropped: number }
  | { kind: 'retry'; delay: number; reason: string };

export interface Outbox {
  /** Persists the event first; sending happens later, in batches. */
  enqueue(event: EventInput): Promise<void>;
  /** Persists many events in one transaction (a batch page run). */
  enqueueMany(events: readonly EventInput[]): Promise<void>;
  /** Sends everything waiting, batch after batch, until empty or a failure schedules a retry. */
  flush(): Promise<FlushOutcome>;
  pending(): Promise<number>;
  /** Called with the number of waiting events whenever it may have changed. */
  subscribe(listener: (pending: number) => void): () => void;
  close(): void;
}

/** Stays well under the API's 1 MiB body limit whatever the review lengths. */
const maxBatchBytes = 512 * 1024;

/** Events written per step of one enqueueMany transaction. */
const enqueueSlice = 250;

/** 4xx other than these can never succeed on a resend. */
const retryableStatus = new Set([408, 425, 429]);

/**
 * The event outbox: every prediction and feedback is written to IndexedDB before anything
 * else, then delivered to the server. Events are deleted only once the server has accepted
 * them (or rejected them for good), so reloads, crashes and days offline lose nothing, and
 * the server's idempotency on client-generated ids makes any resend harmless.
 */
export async function createOutbox(options: OutboxOptions = {}): Promise<Outbox> {
  const db: OutboxDb = await openOutboxDb(options.dbName);
  const endpoint = options.endpoint ?? '/api/events';
  const fetchEvents = options.fetch ?? ((input, init) => fetch(input, init));
  const batchSize = Math.min(options.batchSize ?? 100, limits.maxEventsPerBatch);
  const listeners = new Set<(pending: number) => void>();
  let attempt = 0;
  let running: Promise<FlushOutcome> | undefined;
  // After a batch-level 4xx the events are sent one by one so one bad event cannot hold
  // the others back.
  let singly = false;

  const pending = () => db.count('events');
  const notify = async () => {
    const count = await pending();
    for (const listener of listeners) listener(count);
  };

  const drop = async (events: EventInput[], reason: string) => {
    for (const event of events) {
      console.warn(`polarity outbox: dropping ${event.type} event ${event.id}: ${reason}`);
      await db.delete('events', event.id);
    }
  };

  async function sendBatch(events: EventInput[]): Promise<FlushOutcome> {
    let response: Response;
    const body = JSON.stringify({ events });
    try {
      response = await fetchEvents(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
        // Browsers cap keepalive bodies at 64 KiB; a bigger batch is sent without it.
        keepalive: body.length < 60_000,
      });
    } catch (error) {
      return {
        kind: 'retry',
        delay: retryDelay(attempt++, undefined, options.random),
        reason: `network: ${String(error)}`,
      };
    }
    if (response.status >= 500 || retryableStatus.has(response.status)) {
      const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
      return {
        kind: 'retry',
        delay: retryDelay(attempt++, retryAfter, options.random),
        reason: `HTTP ${response.status}`,
      };
    }
    if (!response.ok) {
      const detail = await response.text().catch(() => '');
      if (events.length > 1) {
        singly = true;
        return { kind: 'sent', accepted: 0, duplicates: 0, dropped: 0 };
      }
      await drop(events, `HTTP ${response.status} ${detail}`);
      return { kind: 'sent', accepted: 0, duplicates: 0, dropped: events.length };
    }
    const parsed = EventBatchResult.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      return {
        kind: 'retry',
        delay: retryDelay(attempt++, undefined, options.random),
        reason: 'unreadable response from the server',
      };
    }
    const result = parsed.data;
    const rejected = new Map(result.errors.map((error) => [error.index, error]));
    const tx = db.transaction('events', 'readwrite');
    await Promise.all(events.map((event) => tx.store.delete(event.id)));
    await tx.done;
    for (const [index, error] of rejected) {
      const event = events[index];
      console.warn(
        `polarity outbox: the server rejected ${event?.type} event ${event?.id ?? error.id}: ` +
          `${error.code} ${error.message}${error.field ? ` (field ${error.field})` : ''}`,
      );
    }
    attempt = 0;
    return {
      kind: 'sent',
      accepted: result.accepted,
      duplicates: result.duplicates,
      dropped: rejected.size,
    };
  }

  async function flushAll(): Promise<FlushOutcome> {
    const total = { accepted: 0, duplicates: 0, dropped: 0 };
    let sentAny = false;
    for (;;) {
      const queued = await db.getAllFromIndex(
        'events',
        'queuedAt',
        undefined,
        singly ? 1 : batchSize,
      );
      if (queued.length === 0) {
        singly = false;
        return sentAny ? { kind: 'sent', ...total } : { kind: 'empty' };
      }
      let bytes = 0;
      const batch = queued
        .map((item) => item.event)
        .filter((event, index) => {
          bytes += JSON.stringify(event).length;
          return index === 0 || bytes <= maxBatchBytes;
        });
      const outcome = await sendBatch(batch);
      await notify();
      if (outcome.kind !== 'sent') return outcome;
      sentAny = true;
      total.accepted += outcome.accepted;
      total.duplicates += outcome.duplicates;
      total.dropped += outcome.dropped;
    }
  }

  async function enqueueMany(events: readonly EventInput[]): Promise<void> {
    const tx = db.transaction('events', 'readwrite');
    // Sub-millisecond and monotonic within a page, so events queued together keep their order.
    const base = performance.timeOrigin + performance.now();
    // One transaction, so a batch is queued whole or not at all, written a slice at a time:
    // each slice's last write hands the page back to the browser before the next slice is
    // cloned, so 10,000 events never freeze it.
    for (let start = 0; start < events.length; start += enqueueSlice) {
      const writes = events
        .slice(start, start + enqueueSlice)
        .map((event, i) => tx.store.put({ event, queuedAt: base + (start + i) * 1e-3 }));
      await Promise.all(writes);
    }
    await tx.done;
    await notify();
  }

  return {
    enqueue: (event) => enqueueMany([event]),
    enqueueMany,
    flush() {
      running ??= flushAll().finally(() => {
        running = undefined;
      });
      return running;
    },
    pending,
    subscribe(listener) {
      listeners.add(listener);
      void notify();
      return () => listeners.delete(listener);
    },
    close: () => db.close(),
  };
}
