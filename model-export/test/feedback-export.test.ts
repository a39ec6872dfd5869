import { feedback, predictions } from '@polarity/server/db';
import { createTestDatabase, type TestDatabase } from '@polarity/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonl } from '../src/data/labelled-files.ts';
import { feedbackJsonl } from '../src/feedback-export.ts';

describe('feedbackJsonl', () => {
  let database: TestDatabase;
  const ids = Array.from({ length: 4 }, () => crypto.randomUUID());

  beforeAll(async () => {
    database = await createTestDatabase();
    const prediction = (id: string, text: string | null, source: string) => ({
      id,
      createdAt: new Date('2026-01-01T00:00:00Z'),
      modelName: 'polarity-sentiment',
      modelVersion: '1',
      label: 'positive',
      probNegative: 0.2,
      probPositive: 0.8,
      runtime: 'wasm',
      latencyMs: 10,
      textLength: text?.length ?? 12,
      text,
      textSha256: '0'.repeat(64),
      clientId: 'c',
      source,
    });
    await database.db
      .insert(predictions)
      .values([
        prediction(ids[0]!, 'Broke after a week.', 'web'),
        prediction(ids[1]!, null, 'web'),
        prediction(ids[2]!, 'Lovely "quiet" fan,\nworks.', 'api'),
        prediction(ids[3]!, 'Deliberately mislabelled.', 'simulator'),
      ]);
    await database.db.insert(feedback).values(
      ids.map((id, i) => ({
        predictionId: id,
        eventId: crypto.randomUUID(),
        label: i === 0 ? 'negative' : 'positive',
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
        clientId: 'c',
      })),
    );
  });
  afterAll(() => database?.drop());

  it('exports feedback labels with the texts they judged, which the training reader reads back', async () => {
    const lines = await feedbackJsonl(database.db, { includeSimulator: false });
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { text: 'Broke after a week.', label: 'negative' },
      { text: 'Lovely "quiet" fan,\nworks.', label: 'positive' },
    ]);
    const records = parseJsonl('feedback.jsonl', `${lines.join('\n')}\n`, { skipBad: false });
    expect(records.map((r) => [r.text, r.label])).toEqual([
      ['Broke after a week.', 0],
      ['Lovely "quiet" fan,\nworks.', 1],
    ]);
  });

  it('includes simulator traffic only when asked', async () => {
    const lines = await feedbackJsonl(database.db, { includeSimulator: true });
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('Deliberately mislabelled.');
  });
});
