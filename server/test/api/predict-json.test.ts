import { type PredictionResult, PredictResponse } from '@polarity/core/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explanationJson } from '../../src/models/explanation-json.ts';
import { predictResponseBody, type ServedResult } from '../../src/routes/predict-json.ts';

/** A result as the server answers it: the explanation written where it was scored. */
const served = <T extends PredictionResult>(prediction: T) =>
  ({ ...prediction, explanation: explanationJson(prediction.explanation) }) as Omit<
    T,
    'explanation'
  > &
    ServedResult;

/** Numbers as the model and the server make them, and the ones JSON cannot hold. */
const anyNumber = fc.oneof(
  fc.double(),
  fc.float().map(Math.fround),
  fc.integer(),
  fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY, 1e-7, 5e-324),
);
const anyString = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('"', '\\', '\u2028', '\uD800', '\u0000', '</script>'),
);

// Keys in the order the classifier and toPredictionResult create them, as on the wire today.
const result: fc.Arbitrary<PredictionResult> = fc.record({
  label: fc.constantFrom('negative', 'positive'),
  confidence: anyNumber,
  probabilities: fc.record({ negative: anyNumber, positive: anyNumber }),
  // Both sides of the hand-written path (32 entries and more).
  explanation: fc.array(
    fc.record({ token: anyString, start: anyNumber, end: anyNumber, score: anyNumber }),
    { maxLength: 80 },
  ),
  tokenCount: anyNumber,
  unknownTokenRate: anyNumber,
  caveat: fc.option(
    fc.record({
      code: fc.constantFrom('not_english', 'mostly_unknown_words', 'too_short', 'low_confidence'),
      message: anyString,
    }),
  ),
  id: fc.uuid(),
  model: fc.record({ name: anyString, version: anyString }),
  runtime: fc.constantFrom('wasm', 'webgpu', 'server'),
  latency_ms: anyNumber,
});

describe('predictResponseBody', () => {
  it('writes a field the contract may add, and leaves out undefined ones, as JSON.stringify does', () => {
    fc.assert(
      fc.property(
        result,
        fc.option(fc.record({ code: anyString, message: anyString })),
        (prediction, added) => {
          const extended = { ...prediction, added, later: undefined };
          expect(predictResponseBody('all', [served(extended)])).toBe(
            JSON.stringify({ explain: 'all', predictions: [extended] }),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('writes exactly the bytes JSON.stringify writes, for any result', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('shown' as const, 'all' as const),
        fc.array(result, { maxLength: 4 }),
        (explain, predictions) => {
          expect(predictResponseBody(explain, predictions.map(served))).toBe(
            JSON.stringify({ explain, predictions }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives a body the response schema accepts, with the same token escaped the same way twice', () => {
    const prediction: PredictionResult = {
      label: 'positive',
      confidence: 0.75,
      probabilities: { negative: 0.25, positive: 0.75 },
      explanation: [
        { token: 'say "hi"', start: 0, end: 8, score: Math.fround(0.1) },
        { token: 'say "hi"', start: 9, end: 17, score: -0.5 },
      ],
      tokenCount: 2,
      unknownTokenRate: 0,
      caveat: null,
      id: '00000000-0000-4000-8000-000000000000',
      model: { name: 'polarity-sentiment', version: '1' },
      runtime: 'server',
      latency_ms: 0.25,
    };
    const body = JSON.parse(predictResponseBody('shown', [served(prediction), served(prediction)]));
    expect(PredictResponse.parse(body)).toEqual({
      explain: 'shown',
      predictions: [prediction, prediction],
    });
  });
});
