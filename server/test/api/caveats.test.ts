import { maxCaveatMessageLength, PredictResponse } from '@polarity/core/contracts';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { predictions } from '../../src/db/schema.ts';
import { useAppUnderTest } from '../support/app-under-test.ts';
import { predictionEvent } from '../support/events.ts';
import { shippedModelAvailable } from '../support/model-registry.ts';
import { metricValue, postJson } from '../support/test-app.ts';

const notEnglish = {
  code: 'not_english',
  message: 'This model reads English product reviews; this text looks like another language.',
};

describe.skipIf(!shippedModelAvailable)('caveats on the API', () => {
  const under = useAppUnderTest({ startModels: true });
  beforeEach(async () => {
    await under.test.api.predictionWriter.drain(5_000);
    await under.database.db.execute(sql`truncate predictions`);
  });

  const send = (events: unknown[]) => postJson(under.test.app, '/api/events', { events });
  const stored = async () => {
    await under.test.api.predictionWriter.drain(5_000);
    return under.database.db.select().from(predictions);
  };
  const caveated = (code: string, model_version = '1') =>
    metricValue(under.test.metrics.caveatedPredictions, { code, model_version });

  it('POST /api/predict answers each prediction with its caveat, logs the code and counts it', async () => {
    const unreadable = async () =>
      (await caveated('not_english')) + (await caveated('mostly_unknown_words'));
    const before = await unreadable();
    const response = await postJson(under.test.app, '/api/predict', {
      texts: [
        'Produit nul, arnaque totale. Il a cessé de fonctionner au bout de deux jours.',
        'I love this blender, it is fantastic and easy to clean.',
      ],
    });
    expect(response.status).toBe(200);
    const [french, english] = PredictResponse.parse(await response.json()).predictions;
    expect(french!.caveat?.code).toMatch(/^(not_english|mostly_unknown_words)$/);
    expect(french!.caveat?.message).toContain('This model reads English product reviews');
    expect(english!.caveat).toBeNull();
    const rows = await stored();
    expect(rows.find((r) => r.id === french!.id)?.caveat).toBe(french!.caveat!.code);
    expect(rows.find((r) => r.id === english!.id)?.caveat).toBeNull();
    expect(await unreadable()).toBe(before + 1);
  });

  it('stores the code of an event’s caveat, and null for none or for an older client', async () => {
    const before = await caveated('not_english');
    const withCaveat = predictionEvent({ caveat: notEnglish });
    const withNone = predictionEvent({ caveat: null });
    const older = predictionEvent();
    const response = await send([withCaveat, withNone, older]);
    expect(await response.json()).toMatchObject({ accepted: 3, rejected: 0 });
    const rows = await stored();
    const caveatOf = (id: string) => rows.find((r) => r.id === id)?.caveat;
    expect(caveatOf(withCaveat.id)).toBe('not_english');
    expect(caveatOf(withNone.id)).toBeNull();
    expect(caveatOf(older.id)).toBeNull();
    expect(await caveated('not_english')).toBe(before + 1);
  });

  it.each([
    ['an unknown code', { code: 'sarcasm', message: 'Irony detected.' }, 'caveat.code'],
    [
      'an over-long message',
      { code: 'low_confidence', message: 'x'.repeat(maxCaveatMessageLength + 1) },
      'caveat.message',
    ],
    ['a NUL in the message', { code: 'too_short', message: 'short\u0000' }, 'caveat.message'],
    ['a caveat without a message', { code: 'too_short' }, 'caveat.message'],
  ])(
    'refuses an event with %s, naming the field, and stores nothing of it',
    async (_, caveat, field) => {
      const bad = predictionEvent({ caveat });
      const response = await send([bad]);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        accepted: 0,
        duplicates: 0,
        rejected: 1,
        errors: [expect.objectContaining({ index: 0, id: bad.id, code: 'invalid_event', field })],
      });
      expect(await stored()).toEqual([]);
    },
  );
});
