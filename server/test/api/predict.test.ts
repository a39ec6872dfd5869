import { PredictResponse } from '@polarity/core/contracts';
import { readableExplanation } from '@polarity/core/explanation';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { modelVersions, predictions } from '../../src/db/schema.ts';
import { useAppUnderTest } from '../support/app-under-test.ts';
import { shippedModelAvailable } from '../support/model-registry.ts';
import { errorOf, postJson } from '../support/test-app.ts';

describe.skipIf(!shippedModelAvailable)('POST /api/predict', () => {
  const under = useAppUnderTest({ versions: 2, startModels: true });

  const predict = (body: unknown) => postJson(under.test.app, '/api/predict', body);
  const clearLog = async () => {
    await under.test.api.predictionWriter.drain(5_000);
    await under.database.db.execute(sql`truncate predictions`);
  };
  const logged = async () => {
    await under.test.api.predictionWriter.drain(5_000);
    return under.database.db.select().from(predictions);
  };

  it('scores one text with the champion: label, confidence, explanation located in the text', async () => {
    const text = 'I love this blender, it is fantastic.';
    const response = await predict({ text });
    expect(response.status).toBe(200);
    const {
      predictions: [result],
    } = PredictResponse.parse(await response.json());
    expect(result).toMatchObject({
      label: 'positive',
      runtime: 'server',
      model: { name: 'polarity-sentiment', version: '1' },
    });
    expect(result!.confidence).toBeGreaterThan(0.5);
    expect(result!.probabilities.negative + result!.probabilities.positive).toBeCloseTo(1, 10);
    const love = result!.explanation.find((t) => t.token === 'love')!;
    expect(text.slice(love.start, love.end)).toBe('love');
    expect(love.score).toBeGreaterThan(0);
  });

  it('answers the tokens the app shows by default, and every token when asked', async () => {
    const text =
      "Not bad at all. I was worried after the reviews, but it hasn't failed once, and the " +
      'lid is the only flimsy part; a waste of plastic. Still, highly recommended for the price.';
    const answer = async (explain?: 'shown' | 'all') =>
      PredictResponse.parse(await (await predict({ text, ...(explain && { explain }) })).json());
    const byDefault = await answer();
    const shown = await answer('shown');
    const all = await answer('all');
    expect([byDefault.explain, shown.explain, all.explain]).toEqual(['shown', 'shown', 'all']);
    const [fewer] = byDefault.predictions;
    const [every] = all.predictions;
    expect(every!.explanation).toHaveLength(every!.tokenCount);
    expect(fewer!.explanation.length).toBeGreaterThan(0);
    expect(fewer!.explanation.length).toBeLessThan(every!.explanation.length / 2);
    // The same tokens, scored the same, as far as the default answer goes.
    for (const token of fewer!.explanation) expect(every!.explanation).toContainEqual(token);
    const drawn = ({ words, phrases, topReasons }: ReturnType<typeof readableExplanation>) => ({
      marked: words.filter((word) => word.push),
      phrases,
      topReasons,
    });
    expect(drawn(readableExplanation(text, fewer!.explanation))).toEqual(
      drawn(readableExplanation(text, every!.explanation)),
    );
    expect(fewer).toMatchObject({ label: every!.label, tokenCount: every!.tokenCount });
  });

  it('scores a batch in order and logs every prediction with runtime server', async () => {
    await clearLog();
    const texts = [
      'Terrible, it broke after one day.',
      'Excellent value, works perfectly.',
      'Awful.',
    ];
    const response = await predict({ texts, source: 'simulator', client_id: 'bench-1' });
    const body = PredictResponse.parse(await response.json());
    expect(body.predictions.map((p) => p.label)).toEqual(['negative', 'positive', 'negative']);
    const rows = await logged();
    expect(rows).toHaveLength(3);
    for (const prediction of body.predictions) {
      const row = rows.find((r) => r.id === prediction.id);
      expect(row).toMatchObject({
        runtime: 'server',
        source: 'simulator',
        clientId: 'bench-1',
        label: prediction.label,
        modelVersion: '1',
        probPositive: prediction.probabilities.positive,
        tokenCount: prediction.tokenCount,
      });
    }
  });

  it('defaults the logged source to api', async () => {
    await clearLog();
    await predict({ text: 'Fine.' });
    expect((await logged())[0]).toMatchObject({ source: 'api', text: 'Fine.' });
  });

  it('honours a model_version pin and answers 404 for an unknown one', async () => {
    const pinned = PredictResponse.parse(
      await (await predict({ text: 'Great!', model_version: '2' })).json(),
    );
    expect(pinned.predictions[0]?.model.version).toBe('2');
    const unknown = await predict({ text: 'Great!', model_version: '99' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      error: { code: 'not_found', field: 'model_version' },
    });
  });

  it('refuses invalid bodies with 422 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ text: 'a', texts: ['b'] }, 'text'],
      [{}, 'text'],
      [{ text: '   ' }, 'text'],
      [{ texts: Array.from({ length: 65 }, () => 'ok') }, 'texts'],
      [{ texts: ['ok', ''] }, 'texts.1'],
      [{ text: 'ok', extra: true }, ''],
      [{ text: 'x'.repeat(20_001) }, 'text'],
      [{ text: 'ok', explain: 'some' }, 'explain'],
    ];
    for (const [body, field] of cases) {
      const response = await predict(body);
      expect(response.status, JSON.stringify(body).slice(0, 60)).toBe(422);
      const error = await errorOf(response);
      expect(error.code).toBe('invalid_request');
      if (field) expect(error.field).toBe(field);
    }
  });

  it('records the served version with its config for monitoring', async () => {
    const [row] = await under.database.db
      .select()
      .from(modelVersions)
      .where(eq(modelVersions.version, '1'));
    expect(row).toMatchObject({ name: 'polarity-sentiment', version: '1' });
    expect((row?.config as { id2label?: object } | undefined)?.id2label).toEqual({
      0: 'negative',
      1: 'positive',
    });
  });
});
