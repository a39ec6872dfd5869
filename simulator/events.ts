import { randomUUID } from 'node:crypto';
import type { FeedbackEvent, Label, PredictionEvent } from '@polarity/core/contracts';
import type { ReviewRecord } from '@polarity/model-export/data';

export const simulatorClientId = (random: () => number) =>
  `simulator-${Math.floor(random() * 2 ** 32)
    .toString(16)
    .padStart(8, '0')}`;

export const labelOf = (review: ReviewRecord): Label =>
  review.label === 1 ? 'positive' : 'negative';
const opposite = (label: Label): Label => (label === 'positive' ? 'negative' : 'positive');

export interface ModelRef {
  name: string;
  version: string;
}

/**
 * What a browser would upload after classifying `review`. The simulator stands in for the
 * browser's model: right with probability `accuracy`, confident between 0.5 and 1.
 */
export function clientPrediction(
  review: ReviewRecord,
  model: ModelRef,
  accuracy: number,
  random: () => number,
  clientId: string,
  now = new Date(),
): PredictionEvent {
  const truth = labelOf(review);
  const label = random() < accuracy ? truth : opposite(truth);
  const confidence = 0.5 + random() / 2;
  return {
    type: 'prediction',
    id: randomUUID(),
    created_at: now.toISOString(),
    client_id: clientId,
    source: 'simulator',
    model,
    label,
    probabilities:
      label === 'positive'
        ? { positive: confidence, negative: 1 - confidence }
        : { positive: 1 - confidence, negative: confidence },
    runtime: 'wasm',
    latency_ms: Math.round(5 + random() * 45),
    text: review.text,
    shadow: false,
  };
}

export interface FeedbackPolicy {
  /** share of verdicts a careless user gets wrong */
  labelNoise: number;
  /** every verdict contradicts the prediction */
  degrade: boolean;
}

/** The user's 👍/👎 on a prediction, which they judge against the review's true label. */
export function feedbackFor(
  prediction: { id: string; label: Label },
  truth: Label,
  policy: FeedbackPolicy,
  random: () => number,
  clientId: string,
  now = new Date(),
): FeedbackEvent {
  const label = policy.degrade
    ? opposite(prediction.label)
    : random() < policy.labelNoise
      ? opposite(truth)
      : truth;
  return {
    type: 'feedback',
    id: randomUUID(),
    created_at: now.toISOString(),
    client_id: clientId,
    prediction_id: prediction.id,
    label,
  };
}
