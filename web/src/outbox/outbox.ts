import { type EventInput, limits } from '@polarity/core/contracts';
import { createApiClient } from '../api/typed-client.ts';
import { eventProblem } from './event-problem.ts';
import { type OutboxDb, openOutboxDb, outboxDbName } from './outbox-db.ts';
import { postEvents } from './post-events.ts';
import { openRejectedEvents, type RejectedEvent } from './rejected-events.ts';
import { retryDelay } from './retry-delay.ts';

export interface OutboxOptions {
  dbName?: string;
  /** The API's origin; the page's (or service worker's) own when absent. */
  baseUrl?: string;
  fetch?: typeof fetch;
  batchSize?: number;
  random?: () => number;
}

type FlushOutcome =
  | { kind: 'empty' }
  | { kind: 'sent'; accepted: number; duplicates: number; rejected: number }
  | { kind: 'retry'; delay: number; reason: string };

type Delivered = Extract<FlushOutcome, { kind: 'sent' }>;
type Retry = Extract<FlushOutcome, { kind: 'retry' }>;

export interface OutboxState {
  /** events waiting to be sent */
  pending: number;
  /** events refused for good, kept for the user to read and dismiss */
  rejected: number;
}

export interface Outbox {
  /** Persists the event first; sending happens later, in batches. */
  enqueue(event: EventInput): Promise<void>;
  /**
   * Persists many events in one transaction (a batch page run). An event the shared contract
   * refuses goes straight to the rejected list, naming its field, and is never sent.
   */
  enqueueMany(events: readonly EventInput[]): Promise<void>;
  /** Sends everything waiting, batch after batch, until empty or a failure schedules a retry. */
  flush(): Promise<FlushOutcome>;
  pending(): Promise<number>;
  /** The events refused for good, newest first. */
  rejected(): Promise<RejectedEvent[]>;
  /** Forgets the given rejected events, or all of them. */
  dismissRejected(ids?: readonly string[]): Promise<void>;
  /** Called with the counts whenever they may have changed. */
  subscribe(listener: (state: OutboxState) => void): () => void;
  close(): void;
}

/** Stays well under the API's 1 MiB body limit whatever the review lengths. */
const maxBatchBytes = 512 * 1024;

/** Events written per step of one enqueueMany transaction. */
const enqueueSlice = 125;

const nothingSent: Delivered = { kind: 'sent', accepted: 0, duplicates: 0, rejected: 0 };

/**
 * The event outbox: every prediction and feedback is written to IndexedDB before anything
 * else, then delivered to the server. An event leaves the queue only once the server has
 * stored it (or already had it), or has refused it for good, in which case it moves to the
 * rejected list with the reason. So reloads, crashes and days offline lose nothing, the
 * server's idempotency on client-generated ids makes any resend harmless, and one event the
 * server can never take does not hold back the others.
 */
export async function createOutbox(options: OutboxOptions = {}): Promise<Outbox> {
  const dbName = options.dbName ?? outboxDbName;
  const db: OutboxDb = await openOutboxDb(dbName);
  const rejectedEvents = await openRejectedEvents(`${dbName}-rejected`);
  const api = createApiClient(options.baseUrl, options.fetch);
  const batchSize = Math.min(options.batchSize ?? 100, limits.maxEventsPerBatch);
  const listeners = new Set<(state: OutboxState) => void>();
  let attempt = 0;
  let running: Promise<FlushOutcome> | undefined;

  const pending = () => db.count('events');
  const notifyHere = async () => {
    const state = { pending: await pending(), rejected: await rejectedEvents.count() };
    for (const listener of listeners) listener(state);
  };
  // Other tabs and the service worker's Background Sync change the same databases; they say
  // so on this channel, so every page's counts stay true.
  const changes = new BroadcastChannel(dbName);
  changes.onmessage = () => void notifyHere();
  const notify = async () => {
    changes.postMessage('changed');
    await notifyHere();
  };

  /**
   * The rejected entries are written before the queue lets go of anything: a crash in between
   * leaves an event in both, and its resend is refused and recorded again, not lost.
   */
  async function settle(sent: readonly EventInput[], refused: RejectedEvent[]): Promise<void> {
    for (const { event, reason } of refused) {
      console.warn(
        `polarity outbox: ${event.type} event ${event.id} refused for good: ` +
          `${reason.code} ${reason.message}${reason.field ? ` (field ${reason.field})` : ''}`,
      );
    }
    await rejectedEvents.add(refused);
    const tx = db.transaction('events', 'readwrite');
    await Promise.all([...sent.map((event) => tx.store.delete(event.id)), tx.done]);
  }

  /**
   * Sends one batch. When the server refuses the request as a whole for what it carries, the
   * halves are sent on their own, down to single events, so the one at fault ends up alone and
   * rejected while the rest get through.
   */
  async function deliver(events: EventInput[], sizes: number[]): Promise<Delivered | Retry> {
    // JSON of the body: each event, the commas between them and `{"events":[]}`.
    const bodyBytes = sizes.reduce((sum, size) => sum + size + 1, 12);
    const answer = await postEvents(api, events, bodyBytes);
    if (answer.kind === 'retry') {
      const delay = retryDelay(attempt++, answer.retryAfter, options.random);
      return { kind: 'retry', delay, reason: answer.reason };
    }
    attempt = 0;
    if (answer.kind === 'refused') {
      const [only] = events;
      if (events.length === 1 && only) {
        await settle(events, [{ event: only, reason: answer.reason, rejectedAt: Date.now() }]);
        return { ...nothingSent, rejected: 1 };
      }
      const middle = Math.ceil(events.length / 2);
      const first = await deliver(events.slice(0, middle), sizes.slice(0, middle));
      if (first.kind !== 'sent') return first;
      const second = await deliver(events.slice(middle), sizes.slice(middle));
      if (second.kind !== 'sent') return second;
      return add(first, second);
    }
    const { result } = answer;
    const byId = new Map(events.map((event) => [event.id, event]));
    const rejectedAt = Date.now();
    const refused: RejectedEvent[] = [];
    for (const { index, id, ...reason } of result.errors) {
      const event = (id === undefined ? undefined : byId.get(id)) ?? events[index];
      if (event) refused.push({ event, reason, rejectedAt });
    }
    await settle(events, refused);
    return {
      kind: 'sent',
      accepted: result.accepted,
      duplicates: result.duplicates,
      rejected: refused.length,
    };
  }

  async function flushAll(): Promise<FlushOutcome> {
    let total = nothingSent;
    let sentAny = false;
    for (;;) {
      const queued = await db.getAllFromIndex('events', 'queuedAt', undefined, batchSize);
      if (queued.length === 0) return sentAny ? total : { kind: 'empty' };
      // Each event is measured once: for the batch's size here, and for keepalive when sent.
      const batch: EventInput[] = [];
      const sizes: number[] = [];
      let bytes = 0;
      for (const { event } of queued) {
        const size = JSON.stringify(event).length;
        bytes += size;
        if (batch.length > 0 && bytes > maxBatchBytes) break;
        batch.push(event);
        sizes.push(size);
      }
      const outcome = await deliver(batch, sizes);
      await notify();
      if (outcome.kind !== 'sent') return outcome;
      sentAny = true;
      total = add(total, outcome);
    }
  }

  async function enqueueMany(events: readonly EventInput[]): Promise<void> {
    const refused: RejectedEvent[] = [];
    const rejectedAt = Date.now();
    const tx = db.transaction('events', 'readwrite');
    // Sub-millisecond and monotonic within a page, so events queued together keep their order.
    const base = performance.timeOrigin + performance.now();
    // One transaction, so a batch is queued whole or not at all, checked and written a slice at
    // a time: each slice's last write hands the page back to the browser before the next slice
    // is checked and cloned, so 10,000 events never freeze it.
    for (let start = 0; start < events.length; start += enqueueSlice) {
      const writes = events.slice(start, start + enqueueSlice).flatMap((event, i) => {
        const reason = eventProblem(event);
        if (reason) {
          refused.push({ event, reason, rejectedAt });
          return [];
        }
        return [tx.store.put({ event, queuedAt: base + (start + i) * 1e-3 })];
      });
      await Promise.all(writes);
    }
    await tx.done;
    await settle([], refused);
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
    rejected: () => rejectedEvents.list(),
    async dismissRejected(ids) {
      await rejectedEvents.dismiss(ids);
      await notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      void notifyHere();
      return () => listeners.delete(listener);
    },
    close() {
      changes.close();
      db.close();
      rejectedEvents.close();
    },
  };
}

function add(a: Delivered, b: Delivered): Delivered {
  return {
    kind: 'sent',
    accepted: a.accepted + b.accepted,
    duplicates: a.duplicates + b.duplicates,
    rejected: a.rejected + b.rejected,
  };
}
