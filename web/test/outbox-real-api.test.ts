import { limits } from '@polarity/core/contracts';
import { feedback as feedbackTable, predictions } from '@polarity/server/db';
import { useAppUnderTest } from '@polarity/server/testing';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOutbox, type Outbox } from '../src/outbox/outbox.ts';
import { feedback, prediction, queueAsOlderBuild } from './support/outbox-events.ts';

/**
 * The outbox against the real API and a real Postgres (TEST_DATABASE_URL): what the server
 * refuses is what the real validation refuses, and what it stores is read back from the tables.
 */
describe('outbox against the real POST /api/events', () => {
  const under = useAppUnderTest();
  const fetchFromApp = ((input, init) =>
    under.test.app.request(String(input), init)) as typeof fetch;
  let opened: Outbox[] = [];
  let dbName = '';
  const open = async () => {
    const outbox = await createOutbox({ dbName, fetch: fetchFromApp, random: () => 1 });
    opened.push(outbox);
    return outbox;
  };
  beforeEach(async () => {
    dbName = `real-api-${crypto.randomUUID()}`;
    await under.database.db.execute(sql`truncate predictions, feedback`);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    for (const outbox of opened) outbox.close();
    opened = [];
    vi.restoreAllMocks();
  });
  const storedPredictionIds = async () =>
    (await under.database.db.select({ id: predictions.id }).from(predictions)).map((r) => r.id);

  it('delivers the valid events of a mixed batch and keeps the one the server refuses, never resending it', async () => {
    const valid = prediction();
    const verdict = feedback(valid.id);
    const refused = prediction({ model: { name: 'polarity-sentiment', version: 'v'.repeat(65) } });
    await queueAsOlderBuild(dbName, [valid, refused, verdict]);

    const outbox = await open();
    expect(await outbox.flush()).toEqual({ kind: 'sent', accepted: 2, duplicates: 0, rejected: 1 });
    expect(await storedPredictionIds()).toEqual([valid.id]);
    const verdicts = await under.database.db
      .select()
      .from(feedbackTable)
      .where(eq(feedbackTable.predictionId, valid.id));
    expect(verdicts).toHaveLength(1);
    expect(await outbox.pending()).toBe(0);
    const [kept, ...others] = await outbox.rejected();
    expect(others).toEqual([]);
    expect(kept?.event).toEqual(refused);
    expect(kept?.reason).toMatchObject({ code: 'invalid_event', field: 'model.version' });
    expect(kept?.reason.message).toMatch(/model\.version/);

    // A reload: the new instance finds nothing to send and the refusal still on show.
    outbox.close();
    const reloaded = await open();
    expect(await reloaded.pending()).toBe(0);
    expect(await reloaded.flush()).toEqual({ kind: 'empty' });
    expect((await reloaded.rejected()).map((entry) => entry.event.id)).toEqual([refused.id]);
    expect(await storedPredictionIds()).toEqual([valid.id]);

    await reloaded.dismissRejected([refused.id]);
    expect(await reloaded.rejected()).toEqual([]);
  });

  it('an event too large for any request is refused alone (413) and the others get through', async () => {
    const huge = prediction({ text: 'x'.repeat(limits.maxBodyBytes + 1) });
    const before = prediction();
    const after = prediction();
    await queueAsOlderBuild(dbName, [before, huge, after]);

    const outbox = await open();
    expect(await outbox.flush()).toMatchObject({ kind: 'sent', accepted: 2, rejected: 1 });
    expect((await storedPredictionIds()).sort()).toEqual([before.id, after.id].sort());
    const [kept] = await outbox.rejected();
    expect(kept?.event.id).toBe(huge.id);
    expect(kept?.reason).toMatchObject({ code: 'payload_too_large', status: 413 });
    expect(await outbox.pending()).toBe(0);
  });

  it('checks an event against the shared contract when it is queued, naming the field, and never sends it', async () => {
    const outbox = await open();
    const bad = prediction({ probabilities: { negative: 0.5, positive: 1.5 } });
    const good = prediction();
    await outbox.enqueueMany([bad, good]);
    expect(await outbox.pending()).toBe(1);
    const [kept] = await outbox.rejected();
    expect(kept?.event.id).toBe(bad.id);
    expect(kept?.reason).toMatchObject({ code: 'invalid_event', field: 'probabilities.positive' });

    expect(await outbox.flush()).toEqual({ kind: 'sent', accepted: 1, duplicates: 0, rejected: 0 });
    expect(await storedPredictionIds()).toEqual([good.id]);
  });
});
