import { randomUUID } from 'node:crypto';
import type { EventInput } from '@polarity/core/contracts';
import { modelName } from '../playwright.config.ts';
import { api } from './api-client.ts';

const hourMs = 3_600_000;

/**
 * Predictions with feedback, logged through the events API as a browser would, at chosen hours
 * in the past: `right` of each hour's `labels` are judged correct. Hours not listed get nothing,
 * which is what the Quality page must draw as a gap.
 */
export async function logLabelledPredictions({
  version,
  hoursAgo,
  labels,
  right,
  shadow = false,
}: {
  version: string;
  hoursAgo: readonly number[];
  labels: number;
  right: number;
  shadow?: boolean;
}): Promise<void> {
  const events: EventInput[] = [];
  const client = `e2e-quality-${randomUUID()}`;
  for (const ago of hoursAgo) {
    // Mid-hour, so the point sits in the hour meant even with a minute of clock skew.
    const at = new Date(Math.floor(Date.now() / hourMs) * hourMs - ago * hourMs + 30 * 60_000);
    for (let i = 0; i < labels; i++) {
      const id = randomUUID();
      const label = i % 2 === 0 ? 'positive' : 'negative';
      const truth = i < right ? label : label === 'positive' ? 'negative' : 'positive';
      const confidence = 0.8 + (i % 5) * 0.04;
      events.push(
        {
          type: 'prediction',
          id,
          created_at: at.toISOString(),
          client_id: client,
          source: 'simulator',
          model: { name: modelName, version },
          label,
          probabilities:
            label === 'positive'
              ? { positive: confidence, negative: 1 - confidence }
              : { positive: 1 - confidence, negative: confidence },
          runtime: 'wasm',
          latency_ms: 1,
          text: `Quality e2e review ${id}: works as described.`,
          shadow,
          token_count: 8,
          unknown_token_rate: 0,
        },
        {
          type: 'feedback',
          id: randomUUID(),
          created_at: new Date(at.getTime() + 60_000).toISOString(),
          client_id: client,
          prediction_id: id,
          label: truth,
        },
      );
    }
  }
  for (let start = 0; start < events.length; start += 200) {
    const response = await api.events.$post({ json: { events: events.slice(start, start + 200) } });
    if (!response.ok)
      throw new Error(`POST /api/events: ${response.status} ${await response.text()}`);
  }
}
