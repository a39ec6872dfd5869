import { randomUUID } from 'node:crypto';
import { RouteStats } from './latency.ts';

/** What the soak sent and had accepted, to compare with the database at the end. */
export interface Sent {
  predictionIds: Set<string>;
  feedbackIds: Set<string>;
  /** texts scored by POST /api/predict and answered 200 (each is logged once) */
  serverPredictions: number;
}

export interface TrafficOptions {
  url: string;
  modelName: string;
  version: string;
  clientId: string;
}

const reviews = [
  'Arrived quickly, works exactly as described. Five stars.',
  'Stopped charging after a week; support never answered.',
  'Decent value, but the lid cracks if you look at it wrong.',
  'Best purchase this year: quiet, fast and easy to clean. 👍',
  'Le produit est arrivé cassé. Très déçu.',
];

async function timed(
  stats: RouteStats,
  request: () => Promise<Response>,
): Promise<Response | undefined> {
  const started = performance.now();
  try {
    const response = await request();
    await response.arrayBuffer();
    stats.record(response.status, performance.now() - started);
    return response;
  } catch {
    stats.record('network_error', performance.now() - started);
    return undefined;
  }
}

const post = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** One request of each kind the app sends; each records itself in `stats` and `sent`. */
export function trafficKinds(options: TrafficOptions, stats: Map<string, RouteStats>, sent: Sent) {
  const statsFor = (route: string) => {
    const entry = stats.get(route) ?? new RouteStats();
    stats.set(route, entry);
    return entry;
  };
  /** Predictions the outbox delivered, waiting for their user's 👍/👎. */
  const awaitingFeedback: string[] = [];
  let n = 0;
  const base = `${options.url}/api/models/${options.modelName}/versions/${options.version}`;

  return {
    async predict() {
      const texts = reviews.slice(0, 1 + (n++ % 4));
      const response = await timed(statsFor('POST /api/predict'), () =>
        post(`${options.url}/api/predict`, { texts, client_id: options.clientId }),
      );
      if (response?.status === 200) sent.serverPredictions += texts.length;
    },
    async events() {
      const events = Array.from({ length: 20 }, (_, i) => ({
        type: 'prediction',
        id: randomUUID(),
        created_at: new Date().toISOString(),
        client_id: options.clientId,
        source: 'simulator',
        model: { name: options.modelName, version: options.version },
        label: i % 2 === 0 ? 'positive' : 'negative',
        probabilities: { negative: 0.3, positive: 0.7 },
        runtime: 'wasm',
        latency_ms: 3,
        text: `${reviews[i % reviews.length]} #${n++}`,
      }));
      const response = await timed(statsFor('POST /api/events (predictions)'), () =>
        post(`${options.url}/api/events`, { events }),
      );
      if (response?.status !== 200) return;
      for (const event of events) {
        sent.predictionIds.add(event.id);
        if (awaitingFeedback.length < 10_000) awaitingFeedback.push(event.id);
      }
    },
    async feedback() {
      const targets = awaitingFeedback.splice(0, 10);
      if (targets.length === 0) return;
      const events = targets.map((predictionId) => ({
        type: 'feedback',
        id: randomUUID(),
        created_at: new Date().toISOString(),
        client_id: options.clientId,
        prediction_id: predictionId,
        label: 'positive',
      }));
      const response = await timed(statsFor('POST /api/events (feedback)'), () =>
        post(`${options.url}/api/events`, { events }),
      );
      if (response?.status === 200) for (const event of events) sent.feedbackIds.add(event.id);
      else awaitingFeedback.unshift(...targets);
    },
    async download() {
      const file = n++ % 3 === 0 ? 'model.onnx' : 'tokenizer.json';
      await timed(statsFor('GET model file'), () =>
        fetch(`${base}/files/${file}`, { headers: { 'accept-encoding': 'gzip, br' } }),
      );
    },
    async metadata() {
      await timed(statsFor('GET champion alias'), () =>
        fetch(`${options.url}/api/models/${options.modelName}/aliases/champion`),
      );
    },
    async scrape() {
      await timed(statsFor('GET /metrics'), () => fetch(`${options.url}/metrics`));
    },
  };
}
