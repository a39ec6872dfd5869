import { Event, type PredictionResult } from '@polarity/core/contracts';
import { describe, expect, it } from 'vitest';
import { predictionEvent } from '../src/predictions/prediction-events.ts';

const result: PredictionResult = {
  id: crypto.randomUUID(),
  label: 'positive',
  confidence: 0.91,
  probabilities: { negative: 0.09, positive: 0.91 },
  explanation: [],
  tokenCount: 14,
  unknownTokenRate: 0.6,
  caveat: { code: 'not_english', message: 'This model reads English product reviews.' },
  model: { name: 'polarity-sentiment', version: '1' },
  runtime: 'wasm',
  latency_ms: 2,
};

describe('predictionEvent', () => {
  it('carries the caveat to the server, in the shape the events contract accepts', () => {
    const event = Event.parse(predictionEvent(result, 'Produit nul.', 'client-1', false));
    expect(event).toMatchObject({ type: 'prediction', caveat: result.caveat });
  });

  it('sends null for a verdict without a caveat', () => {
    const event = Event.parse(
      predictionEvent({ ...result, caveat: null }, 'Great.', 'client-1', false),
    );
    expect(event).toMatchObject({ caveat: null });
  });
});
