/** `docker compose restart api` under traffic: nothing answered 200 may be lost. */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventBatchResult, type PredictionEvent, PredictResponse } from '@polarity/core/contracts';
import { composeInBackground, psql } from './commands.ts';
import { answer, post, Readiness, waitFor } from './http.ts';
import { check, seconds } from './results.ts';
import { api, runTag } from './settings.ts';

/** A prediction event as a browser uploads it, with an id the script can look up afterwards. */
function predictionEvent(model: { name: string; version: string }, n: number): PredictionEvent {
  return {
    type: 'prediction',
    id: randomUUID(),
    created_at: new Date().toISOString(),
    client_id: runTag,
    source: 'web',
    model,
    label: 'positive',
    probabilities: { positive: 0.9, negative: 0.1 },
    runtime: 'wasm',
    latency_ms: 12,
    text: `${runTag} event ${n}: sturdy and well made`,
    shadow: false,
  };
}

/**
 * Predictions through the api and events uploaded while `docker compose restart api` runs: a
 * client retries what was refused (connection closed, 503), so everything answered 200 must be
 * stored, including what the api was still writing when it got SIGTERM.
 */
export async function restartLosesNothing(model: { name: string; version: string }) {
  const acknowledged: string[] = [];
  let sending = true;
  let refused = 0;
  let n = 0;
  const sender = (async () => {
    while (sending) {
      const events = [predictionEvent(model, n++), predictionEvent(model, n++)];
      for (;;) {
        try {
          const stored = await post(EventBatchResult, '/api/events', { events });
          if (stored.status === 200) break;
        } catch {
          // the api is restarting: retry the same batch (idempotent by event id)
        }
        refused++;
        await sleep(250);
      }
      acknowledged.push(...events.map((e) => e.id));
      const predicted = await post(PredictResponse, '/api/predict', {
        text: `${runTag} predict ${n}: broke after a week`,
        client_id: runTag,
      }).catch(() => undefined);
      const id = predicted?.body?.predictions[0]?.id;
      if (id) acknowledged.push(id);
      await sleep(50);
    }
  })();

  await sleep(2_000);
  const started = Date.now();
  // Asynchronously, so the sender keeps sending while the api stops, drains and starts.
  await composeInBackground('restart', 'api');
  await waitFor(
    'api ready after restart',
    async () =>
      (await answer(Readiness, `${api}/readyz`)).body?.status === 'ready' ? true : undefined,
    120_000,
  );
  const restartTook = seconds(started);
  await sleep(2_000);
  sending = false;
  await sender;

  const ids = acknowledged.map((id) => `'${id}'`).join(',');
  const stored = await waitFor(
    'every acknowledged prediction stored',
    async () => {
      const count = Number(psql(`select count(*) from predictions where id in (${ids})`));
      return count === acknowledged.length ? count : undefined;
    },
    30_000,
  ).catch(() => Number(psql(`select count(*) from predictions where id in (${ids})`)));
  check(
    '`docker compose restart api` loses nothing sent around it',
    stored === acknowledged.length && refused > 0,
    `${stored} of ${acknowledged.length} acknowledged stored, ${refused} refused during the restart and retried, ready again in ${restartTook}`,
  );
}
