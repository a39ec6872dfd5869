import { FeedbackEvent, PredictionEvent } from '@polarity/core/contracts';
import type { ReviewRecord } from '@polarity/model-export/data';
import { seededRandom } from '@polarity/model-export/random';
import { describe, expect, it } from 'vitest';
import { clientPrediction, feedbackFor, simulatorClientId } from '../events.ts';

const review = (label: 0 | 1): ReviewRecord => ({
  text: 'Sturdy blender. It crushes ice in seconds.',
  title: 'Sturdy blender',
  label,
  domain: 'kitchen',
  split: 'test',
  origin: 'kitchen/positive.review:4',
});
const model = { name: 'polarity-sentiment', version: '1' };
const clientId = 'simulator-test';

describe('clientPrediction', () => {
  it('is a valid prediction event from the simulator', () => {
    const event = clientPrediction(review(1), model, 0.85, seededRandom(1), clientId);
    expect(PredictionEvent.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      source: 'simulator',
      client_id: clientId,
      model,
      text: review(1).text,
    });
    expect(event.probabilities.positive + event.probabilities.negative).toBeCloseTo(1);
    expect(event.probabilities[event.label]).toBeGreaterThanOrEqual(0.5);
  });

  it('is right as often as asked', () => {
    const random = seededRandom(7);
    const labels = Array.from(
      { length: 2000 },
      () => clientPrediction(review(1), model, 0.8, random, clientId).label,
    );
    const rate = labels.filter((label) => label === 'positive').length / labels.length;
    expect(rate).toBeGreaterThan(0.76);
    expect(rate).toBeLessThan(0.84);
    expect(clientPrediction(review(0), model, 1, random, clientId).label).toBe('negative');
    expect(clientPrediction(review(0), model, 0, random, clientId).label).toBe('positive');
  });

  it('gives every event its own id', () => {
    const random = seededRandom(3);
    const ids = new Set(
      Array.from({ length: 100 }, () => clientPrediction(review(1), model, 1, random, clientId).id),
    );
    expect(ids.size).toBe(100);
  });
});

describe('feedbackFor', () => {
  const prediction = { id: crypto.randomUUID(), label: 'positive' as const };
  const honest = { labelNoise: 0, degrade: false };

  it('is a valid feedback event on the prediction with the true label', () => {
    const event = feedbackFor(prediction, 'negative', honest, seededRandom(1), clientId);
    expect(FeedbackEvent.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      prediction_id: prediction.id,
      label: 'negative',
      client_id: clientId,
    });
  });

  it('flips the true label for careless users', () => {
    const event = feedbackFor(
      prediction,
      'negative',
      { labelNoise: 1, degrade: false },
      seededRandom(1),
      clientId,
    );
    expect(event.label).toBe('positive');
  });

  it('always contradicts the prediction when degrading, whatever the truth', () => {
    for (const truth of ['positive', 'negative'] as const) {
      expect(
        feedbackFor(prediction, truth, { labelNoise: 0, degrade: true }, seededRandom(1), clientId)
          .label,
      ).toBe('negative');
    }
  });
});

describe('simulatorClientId', () => {
  it('is a client id the API accepts and repeats per seed', () => {
    expect(simulatorClientId(seededRandom(5))).toMatch(/^simulator-[0-9a-f]{8}$/);
    expect(simulatorClientId(seededRandom(5))).toBe(simulatorClientId(seededRandom(5)));
  });
});
