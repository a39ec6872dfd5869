import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOutbox, type Outbox, type OutboxState } from '../src/outbox/outbox.ts';
import { maxRetryDelay, retryDelay } from '../src/outbox/retry-delay.ts';
import { loseAnswer, refuse, startEventsApi } from './support/events-api-stand-in.ts';
import {
  feedback,
  feedbackWithBadLabel,
  prediction,
  queueAsOlderBuild,
} from './support/outbox-events.ts';

let api: Awaited<ReturnType<typeof startEventsApi>>;
let opened: Outbox[] = [];
let dbName = '';

async function open(options: { batchSize?: number; baseUrl?: string } = {}) {
  const outbox = await createOutbox({
    dbName,
    baseUrl: options.baseUrl ?? api.baseUrl,
    batchSize: options.batchSize ?? 3,
    random: () => 1,
  });
  opened.push(outbox);
  return outbox;
}

/** How many requests carried this event. */
const timesSent = (id: string) => api.requests.filter((ids) => ids.includes(id)).length;

beforeEach(async () => {
  api = await startEventsApi();
  dbName = `outbox-${crypto.randomUUID()}`;
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(async () => {
  for (const outbox of opened) outbox.close();
  opened = [];
  await api.close();
  vi.restoreAllMocks();
});

describe('outbox over HTTP', () => {
  it('persists events and sends them in batches, oldest first', async () => {
    const outbox = await open();
    const events = Array.from({ length: 7 }, () => feedback());
    for (const event of events) await outbox.enqueue(event);
    expect(await outbox.pending()).toBe(7);
    expect(await outbox.flush()).toEqual({ kind: 'sent', accepted: 7, duplicates: 0, rejected: 0 });
    expect(api.requests.map((ids) => ids.length)).toEqual([3, 3, 1]);
    expect(api.requests.flat()).toEqual(events.map((event) => event.id));
    expect(await outbox.pending()).toBe(0);
  });

  it('a batch with one refused event: the others are delivered, the refused one is kept and never resent', async () => {
    const refused = feedbackWithBadLabel();
    const valid = [prediction(), feedback(), prediction()];
    await queueAsOlderBuild(dbName, [valid[0], refused, valid[1], valid[2]]);
    const outbox = await open({ batchSize: 10 });

    expect(await outbox.flush()).toEqual({ kind: 'sent', accepted: 3, duplicates: 0, rejected: 1 });
    expect([...api.stored.keys()].sort()).toEqual(valid.map((event) => event.id).sort());
    const [kept] = await outbox.rejected();
    expect(kept).toMatchObject({
      event: refused,
      reason: { code: 'invalid_event', field: 'label' },
    });
    expect(await outbox.pending()).toBe(0);

    await outbox.enqueue(prediction());
    await outbox.flush();
    expect(timesSent(refused.id)).toBe(1);
    expect(await outbox.rejected()).toHaveLength(1);
  });

  it('a 400 for the whole request: halving the batch isolates each bad event and delivers the rest', async () => {
    api.refuseBatchesWith((event) => event.client_id === 'poison');
    const events = Array.from({ length: 8 }, () => prediction());
    const poisoned = [1, 6].map((i) => {
      events[i] = prediction({ client_id: 'poison' });
      return events[i]!.id;
    });
    const outbox = await open({ batchSize: 8 });
    await outbox.enqueueMany(events);

    expect(await outbox.flush()).toEqual({ kind: 'sent', accepted: 6, duplicates: 0, rejected: 2 });
    expect(api.stored.size).toBe(6);
    for (const id of poisoned) {
      expect(api.stored.has(id)).toBe(false);
      // The request that settled it carried it alone.
      expect(api.requests.findLast((ids) => ids.includes(id))).toEqual([id]);
    }
    const rejected = await outbox.rejected();
    expect(rejected.map((entry) => entry.event.id).sort()).toEqual([...poisoned].sort());
    expect(rejected[0]?.reason).toMatchObject({ code: 'status_400', status: 400 });

    const requestsSoFar = api.requests.length;
    expect(await outbox.flush()).toEqual({ kind: 'empty' });
    expect(api.requests).toHaveLength(requestsSoFar);
  });

  it('5xx: the backoff doubles up to its cap, keeps the events, and starts over after a success', async () => {
    const failures = 11;
    api.answerNext(...Array.from({ length: failures }, () => refuse(500)));
    const outbox = await open();
    await outbox.enqueue(feedback());
    const delays: number[] = [];
    for (let i = 0; i < failures; i++) {
      const outcome = await outbox.flush();
      if (outcome.kind === 'retry') delays.push(outcome.delay);
    }
    expect(delays).toEqual([
      1_000,
      2_000,
      4_000,
      8_000,
      16_000,
      32_000,
      64_000,
      128_000,
      256_000,
      maxRetryDelay,
      maxRetryDelay,
    ]);
    expect(await outbox.pending()).toBe(1);
    expect(await outbox.rejected()).toEqual([]);

    expect((await outbox.flush()).kind).toBe('sent');
    api.answerNext(refuse(502));
    await outbox.enqueue(feedback());
    expect(await outbox.flush()).toMatchObject({ kind: 'retry', delay: 1_000 });
  });

  it('429 and 503 wait as long as Retry-After says (up to the cap) and are not final', async () => {
    api.answerNext(
      refuse(503, { 'Retry-After': '7' }),
      refuse(429, { 'Retry-After': '2' }),
      refuse(429, { 'Retry-After': '3600' }),
    );
    const outbox = await open();
    const event = feedback();
    await outbox.enqueue(event);
    expect(await outbox.flush()).toMatchObject({ kind: 'retry', delay: 7_000 });
    expect(await outbox.flush()).toMatchObject({ kind: 'retry', delay: 2_000 });
    expect(await outbox.flush()).toMatchObject({ kind: 'retry', delay: maxRetryDelay });
    expect((await outbox.flush()).kind).toBe('sent');
    expect(api.stored.has(event.id)).toBe(true);
    expect(await outbox.rejected()).toEqual([]);
  });

  it("a 4xx that blames no event (a proxy's 404, a 415) is retried, not turned into rejections", async () => {
    api.answerNext(refuse(404), refuse(415));
    const outbox = await open();
    await outbox.enqueueMany([feedback(), feedback()]);
    expect((await outbox.flush()).kind).toBe('retry');
    expect((await outbox.flush()).kind).toBe('retry');
    expect(await outbox.rejected()).toEqual([]);
    expect(await outbox.flush()).toMatchObject({ kind: 'sent', accepted: 2 });
  });

  it('an event the contract refuses is rejected when queued, with its field, and never sent', async () => {
    const outbox = await open();
    const bad = prediction({ model: { name: 'polarity-sentiment', version: 'v'.repeat(65) } });
    await outbox.enqueueMany([bad, feedback()]);
    const [kept, ...others] = await outbox.rejected();
    expect(others).toEqual([]);
    expect(kept).toMatchObject({
      event: bad,
      reason: { code: 'invalid_event', field: 'model.version' },
    });
    await outbox.flush();
    expect(timesSent(bad.id)).toBe(0);
  });

  it('survives a reload: a new instance over the same database sends what was queued and still shows what was refused', async () => {
    const down = await startEventsApi();
    await down.close();
    const before = await open({ baseUrl: down.baseUrl });
    const queued = [feedback(), feedback()];
    const bad = feedbackWithBadLabel();
    await before.enqueueMany([...queued, bad]);
    expect(await before.flush()).toMatchObject({ kind: 'retry', reason: /^network/ });
    before.close();

    const after = await open();
    expect(await after.pending()).toBe(2);
    expect((await after.rejected()).map((entry) => entry.event.id)).toEqual([bad.id]);
    expect(await after.flush()).toEqual({ kind: 'sent', accepted: 2, duplicates: 0, rejected: 0 });
    expect([...api.stored.keys()].sort()).toEqual(queued.map((event) => event.id).sort());
    expect(timesSent(bad.id)).toBe(0);
  });

  it('resending after a lost answer stores each event exactly once', async () => {
    api.answerNext(loseAnswer);
    const outbox = await open();
    await outbox.enqueueMany([feedback(), feedback()]);
    expect((await outbox.flush()).kind).toBe('retry');
    expect(await outbox.flush()).toEqual({ kind: 'sent', accepted: 0, duplicates: 2, rejected: 0 });
    expect(api.stored.size).toBe(2);
    expect(await outbox.pending()).toBe(0);
  });

  it('tells subscribers how many events wait and how many were refused; dismissing clears them', async () => {
    const outbox = await open();
    const states: OutboxState[] = [];
    outbox.subscribe((state) => states.push(state));
    const bad = feedbackWithBadLabel();
    await outbox.enqueueMany([feedback(), bad]);
    expect(states.at(-1)).toEqual({ pending: 1, rejected: 1 });
    await outbox.flush();
    expect(states.at(-1)).toEqual({ pending: 0, rejected: 1 });
    await outbox.dismissRejected();
    expect(states.at(-1)).toEqual({ pending: 0, rejected: 0 });
    expect(await outbox.rejected()).toEqual([]);
  });

  it("another tab's (or the service worker's) delivery updates this page's counts", async () => {
    const page = await open();
    const worker = await open();
    const states: OutboxState[] = [];
    page.subscribe((state) => states.push(state));
    await page.enqueueMany([feedback(), feedbackWithBadLabel()]);
    await vi.waitFor(() => expect(states.at(-1)).toEqual({ pending: 1, rejected: 1 }));
    await worker.flush();
    await vi.waitFor(() => expect(states.at(-1)).toEqual({ pending: 0, rejected: 1 }));
    await worker.dismissRejected();
    await vi.waitFor(() => expect(states.at(-1)).toEqual({ pending: 0, rejected: 0 }));
  });
});

describe('retry delays', () => {
  it('grows exponentially up to a ceiling, with jitter below it', () => {
    expect(retryDelay(0, undefined, () => 1)).toBe(1000);
    expect(retryDelay(3, undefined, () => 1)).toBe(8000);
    expect(retryDelay(3, undefined, () => 0)).toBe(4000);
    expect(retryDelay(30, undefined, () => 1)).toBe(300_000);
    expect(retryDelay(0, 12_000)).toBe(12_000);
  });
});
