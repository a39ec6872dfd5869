import type { Event, FeedbackEvent, PredictionEvent } from '@polarity/core/contracts';
import type { ReviewRecord } from '@polarity/model-export/data';
import { seededRandom } from '@polarity/model-export/random';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../api-client.ts';
import { parseOptions } from '../options.ts';
import { reviewSource } from '../reviews.ts';
import { runSimulation } from '../simulation.ts';

const reviews: ReviewRecord[] = Array.from({ length: 10 }, (_, i) => ({
  text: `review ${i}`,
  title: `title ${i}`,
  label: (i % 2) as 0 | 1,
  domain: 'books',
  split: 'test',
  origin: `fixture:${i}`,
}));

/** An API that stores events by id in memory, like the server does. */
function fakeApi() {
  const stored = new Map<string, Event>();
  const api: ApiClient = {
    async predict(texts) {
      return texts.map((text) => {
        const label = reviews.find((r) => r.text === text)!.label === 1 ? 'positive' : 'negative';
        return {
          id: crypto.randomUUID(),
          label,
          confidence: 0.9,
          probabilities:
            label === 'positive'
              ? { positive: 0.9, negative: 0.1 }
              : { positive: 0.1, negative: 0.9 },
          explanation: [],
          tokenCount: 3,
          unknownTokenRate: 0,
          caveat: null,
          model: { name: 'polarity-sentiment', version: '1' },
          runtime: 'server' as const,
          latency_ms: 1,
        };
      });
    },
    async sendEvents(events) {
      let accepted = 0;
      let duplicates = 0;
      for (const event of events) {
        if (stored.has(event.id)) {
          duplicates += 1;
        } else {
          stored.set(event.id, event);
          accepted += 1;
        }
      }
      return { accepted, duplicates, rejected: 0, errors: [] };
    },
    async servedModel() {
      return 'polarity-sentiment';
    },
    async champion(name) {
      return { name, version: '7' };
    },
    async quality() {
      return undefined;
    },
  };
  const of = <T extends Event['type']>(type: T) =>
    [...stored.values()].filter((e) => e.type === type) as (T extends 'prediction'
      ? PredictionEvent
      : FeedbackEvent)[];
  return { api, predictions: () => of('prediction'), feedback: () => of('feedback') };
}

const run = (argv: string[], fake = fakeApi(), stop = new AbortController().signal) =>
  runSimulation(
    parseOptions(argv),
    {
      api: fake.api,
      reviews: reviewSource(reviews, 1),
      random: seededRandom(1),
      clientId: 'simulator-test',
    },
    stop,
  );

describe('runSimulation', () => {
  it('sends rate × duration client predictions and feedback on each, all stored once', async () => {
    const fake = fakeApi();
    const summary = await run(
      [
        '--predictions=client',
        '--rate=50',
        '--duration=300ms',
        '--feedback-share=1',
        '--feedback-delay=50ms',
      ],
      fake,
    );
    expect(summary.predictions).toEqual({
      sent: 15,
      accepted: 15,
      duplicates: 0,
      rejected: 0,
      failed: 0,
    });
    expect(summary.feedback).toMatchObject({ sent: 15, accepted: 15, failed: 0 });
    expect(fake.predictions()).toHaveLength(15);
    expect(
      fake.predictions().every((p) => p.model.version === '7' && p.source === 'simulator'),
    ).toBe(true);
    const predicted = new Set(fake.predictions().map((p) => p.id));
    expect(fake.feedback().every((f) => predicted.has(f.prediction_id))).toBe(true);
  });

  it('measures accuracy as the monitor will, and collapses it when degrading', async () => {
    const honest = await run([
      '--rate=50',
      '--duration=200ms',
      '--feedback-share=1',
      '--feedback-delay=10ms',
    ]);
    expect(honest.accuracyVsTruth).toBe(1);
    expect(honest.accuracySeen).toBe(1);

    const degraded = await run([
      '--rate=50',
      '--duration=200ms',
      '--feedback-share=1',
      '--feedback-delay=10ms',
      '--degrade',
    ]);
    expect(degraded.accuracyVsTruth).toBe(1);
    expect(degraded.accuracySeen).toBe(0);
    expect(degraded.feedback.accepted).toBe(10);
  });

  it('gives feedback to about the share asked', async () => {
    const summary = await run([
      '--rate=100',
      '--duration=1s',
      '--feedback-share=0.3',
      '--feedback-delay=10ms',
    ]);
    expect(summary.predictions.accepted).toBe(100);
    expect(summary.feedback.sent).toBeGreaterThan(15);
    expect(summary.feedback.sent).toBeLessThan(45);
  });

  it('on stop, makes no new predictions and still sends the feedback owed, at once', async () => {
    const fake = fakeApi();
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 250);
    const started = Date.now();
    const summary = await run(
      [
        '--predictions=client',
        '--rate=20',
        '--duration=60s',
        '--feedback-share=1',
        '--feedback-delay=60s',
      ],
      fake,
      stop.signal,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(summary.predictions.accepted).toBeGreaterThanOrEqual(4);
    expect(summary.predictions.accepted).toBeLessThanOrEqual(6);
    expect(fake.feedback()).toHaveLength(summary.predictions.accepted);
  });

  it('counts uploads that fail instead of losing track of them', async () => {
    const fake = fakeApi();
    fake.api.sendEvents = async () => {
      throw new Error('POST /api/events: connection refused');
    };
    const summary = await run(['--predictions=client', '--rate=50', '--duration=100ms'], fake);
    expect(summary.predictions).toMatchObject({ sent: 5, accepted: 0, failed: 5 });
    expect(summary.errors[0]).toMatch(/connection refused/);
  });
});
