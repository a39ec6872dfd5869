import type { EventInput } from '@polarity/core/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOutbox, type Outbox } from '../src/outbox/outbox.ts';
import { parseRetryAfter, retryDelay } from '../src/outbox/retry-delay.ts';

function feedback(n: number): EventInput {
  return {
    type: 'feedback',
    id: crypto.randomUUID(),
    created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    client_id: 'client-1',
    prediction_id: crypto.randomUUID(),
    label: 'positive',
  };
}

/** A stand-in for POST /api/events that stores each id once, like the real one. */
function fakeServer(answers: Array<(events: EventInput[]) => Response> = []) {
  const stored = new Map<string, EventInput>();
  const batches: EventInput[][] = [];
  const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
    const events = JSON.parse(String(init?.body)).events as EventInput[];
    batches.push(events);
    const answer = answers.shift();
    if (answer) return answer(events);
    let duplicates = 0;
    for (const event of events) {
      if (stored.has(event.id)) duplicates++;
      else stored.set(event.id, event);
    }
    return Response.json({
      accepted: events.length - duplicates,
      duplicates,
      rejected: 0,
      errors: [],
    });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, stored, batches };
}

let opened: Outbox[] = [];
let dbCount = 0;
async function outbox(
  server: ReturnType<typeof fakeServer>,
  dbName = `outbox-${dbCount++}`,
  batchSize = 3,
) {
  const instance = await createOutbox({ dbName, fetch: server.fetch, batchSize, random: () => 1 });
  opened.push(instance);
  return instance;
}
afterEach(() => {
  for (const instance of opened) instance.close();
  opened = [];
});

describe('outbox', () => {
  it('persists events and sends them in batches, oldest first', async () => {
    const server = fakeServer();
    const box = await outbox(server);
    const events = Array.from({ length: 7 }, (_, i) => feedback(i));
    for (const event of events) await box.enqueue(event);
    expect(await box.pending()).toBe(7);
    expect(await box.flush()).toEqual({ kind: 'sent', accepted: 7, duplicates: 0, dropped: 0 });
    expect(server.batches.map((batch) => batch.length)).toEqual([3, 3, 1]);
    expect(server.batches.flat().map((event) => event.id)).toEqual(events.map((event) => event.id));
    expect(await box.pending()).toBe(0);
  });

  it('survives a reload: a new instance over the same database sends what the old one queued', async () => {
    const offline = fakeServer([
      () => {
        throw new TypeError('Failed to fetch');
      },
    ]);
    const before = await outbox(offline, 'reload-db');
    await before.enqueue(feedback(1));
    await before.enqueue(feedback(2));
    expect((await before.flush()).kind).toBe('retry');
    before.close();

    const server = fakeServer();
    const after = await outbox(server, 'reload-db');
    expect(await after.pending()).toBe(2);
    await after.flush();
    expect(server.stored.size).toBe(2);
    expect(await after.pending()).toBe(0);
  });

  it('backs off exponentially on failures and resets after a success', async () => {
    const failing = () => new Response('down', { status: 500 });
    const server = fakeServer([failing, failing, failing]);
    const box = await outbox(server);
    await box.enqueue(feedback(1));
    const delays = [];
    for (let i = 0; i < 3; i++) {
      const outcome = await box.flush();
      if (outcome.kind === 'retry') delays.push(outcome.delay);
    }
    expect(delays).toEqual([1000, 2000, 4000]);
    expect(await box.pending()).toBe(1);
    expect((await box.flush()).kind).toBe('sent');
    expect(server.stored.size).toBe(1);
  });

  it('honours Retry-After on 503 and 429', async () => {
    const server = fakeServer([
      () => new Response('', { status: 503, headers: { 'Retry-After': '7' } }),
      () => new Response('', { status: 429, headers: { 'Retry-After': '2' } }),
    ]);
    const box = await outbox(server);
    await box.enqueue(feedback(1));
    expect(await box.flush()).toMatchObject({ kind: 'retry', delay: 7000 });
    expect(await box.flush()).toMatchObject({ kind: 'retry', delay: 2000 });
    expect((await box.flush()).kind).toBe('sent');
  });

  it('resending after a lost response stores each event exactly once', async () => {
    const server = fakeServer();
    let calls = 0;
    const lossy = (async (url: string, init?: RequestInit) => {
      const response = await server.fetch(url, init);
      // The first response is lost on the way back, after the server stored the batch.
      if (calls++ === 0) throw new TypeError('connection reset');
      return response;
    }) as typeof fetch;
    const box = await createOutbox({
      dbName: `outbox-${dbCount++}`,
      fetch: lossy,
      random: () => 1,
    });
    opened.push(box);
    await box.enqueue(feedback(1));
    await box.enqueue(feedback(2));
    expect((await box.flush()).kind).toBe('retry');
    expect(await box.flush()).toEqual({ kind: 'sent', accepted: 0, duplicates: 2, dropped: 0 });
    expect(server.stored.size).toBe(2);
    expect(await box.pending()).toBe(0);
  });

  it('drops an event the server rejects for good, with a warning, and keeps the rest', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const server = fakeServer([
      (events) =>
        Response.json({
          accepted: 1,
          duplicates: 0,
          rejected: 1,
          errors: [
            { index: 1, id: events[1]?.id, code: 'invalid', message: 'bad label', field: 'label' },
          ],
        }),
      () => Response.json({ error: { code: 'invalid', message: 'no' } }, { status: 422 }),
    ]);
    const box = await outbox(server);
    await box.enqueue(feedback(1));
    await box.enqueue(feedback(2));
    expect(await box.flush()).toEqual({ kind: 'sent', accepted: 1, duplicates: 0, dropped: 1 });
    await box.enqueue(feedback(3));
    await box.flush();
    expect(await box.pending()).toBe(0);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/bad label \(field label\)/);
    warn.mockRestore();
  });

  it('after a batch-level 4xx sends one by one so valid events still go through', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const server = fakeServer([
      () => Response.json({ error: { code: 'invalid', message: 'batch' } }, { status: 400 }),
      () => Response.json({ error: { code: 'invalid', message: 'this one' } }, { status: 400 }),
    ]);
    const box = await outbox(server);
    await box.enqueue(feedback(1));
    await box.enqueue(feedback(2));
    await box.flush();
    expect(server.batches.map((batch) => batch.length)).toEqual([2, 1, 1]);
    expect(server.stored.size).toBe(1);
    expect(await box.pending()).toBe(0);
    warn.mockRestore();
  });

  it('tells subscribers how many events wait', async () => {
    const box = await outbox(fakeServer());
    const counts: number[] = [];
    box.subscribe((count) => counts.push(count));
    await box.enqueue(feedback(1));
    await box.flush();
    expect(counts).toContain(1);
    await vi.waitFor(() => expect(counts.at(-1)).toBe(0));
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

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
