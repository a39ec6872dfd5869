import { limits } from '@polarity/core/contracts';
import autocannon, { type Result } from 'autocannon';
import { median } from './median.ts';
import { serverCpuSeconds } from './server-cpu.ts';

/** The largest batch the API takes, as a browser's outbox sends after being offline. */
export const eventsPerBatch = limits.maxEventsPerBatch;

/** A fresh uuid-shaped id per event, cheap enough not to slow the load generator. */
function idMaker(run: string) {
  let counter = 0;
  return () => {
    const n = (counter++).toString(16).padStart(12, '0');
    return `${run}-0000-4000-8000-${n}`;
  };
}

/** One prediction event as the browser's outbox sends it; the COPY ceiling stores the same. */
export function benchEvent(id: string, createdAt: string, i: number) {
  return {
    type: 'prediction',
    id,
    created_at: createdAt,
    client_id: 'bench',
    source: 'simulator',
    model: { name: 'polarity-sentiment', version: '1' },
    label: i % 2 ? 'positive' : 'negative',
    probabilities: { negative: 0.25, positive: 0.75 },
    runtime: 'wasm',
    latency_ms: 2.5,
    text: `Bench review number ${i}: does what it says, arrived quickly.`,
  };
}

function batch(nextId: () => string, createdAt: string): string {
  const events = Array.from({ length: eventsPerBatch }, (_, i) =>
    benchEvent(nextId(), createdAt, i),
  );
  return JSON.stringify({ events });
}

/**
 * `POST /api/events` with `batches` batches of 500 new predictions each, from 16 connections. A fixed amount, not a
 * duration, so every batch sent is answered and the stored count can be checked exactly. `seconds`
 * runs from the start to the last answer: autocannon's own `duration` ends at its next
 * once-a-second tick, which put 200,000 events at 6.03, 7.04 or 8.06 s whatever they took (up to
 * 15 % low at this rate, and the same figure for runs that differed).
 */
export async function benchEvents(
  url: string,
  batches: number,
): Promise<{ result: Result; seconds: number; cpuUsPerEvent: number }> {
  const run = Math.floor(Math.random() * 0xffffffff)
    .toString(16)
    .padStart(8, '0');
  const nextId = idMaker(run);
  const createdAt = new Date().toISOString();
  const cpuBefore = await serverCpuSeconds(url);
  const started = performance.now();
  let answered = started;
  const instance = autocannon({
    url: `${url}/api/events`,
    connections: 16,
    amount: batches,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: batch(nextId, createdAt) }),
      },
    ],
  });
  instance.on('response', () => {
    answered = performance.now();
  });
  const result = await instance;
  const seconds = (answered - started) / 1000;
  const events = result['2xx'] * eventsPerBatch;
  return {
    result,
    seconds,
    cpuUsPerEvent: (((await serverCpuSeconds(url)) - cpuBefore) * 1e6) / events,
  };
}

/**
 * Medians over the runs of events/s, the COPY ceiling and their ratio, each run's ratio taken in
 * that run: on a shared machine the ratio moves less than either figure.
 */
export interface EventsRun {
  rate: number;
  ceiling: number;
  /** the server process's CPU time per stored event, µs */
  cpuUsPerEvent: number;
  /** Postgres' backends' CPU time per stored event, µs, where its processes are visible */
  postgresUsPerEvent: number | undefined;
}

export function eventsSummary(runs: readonly EventsRun[]): string {
  const ratios = runs.map((run) => run.rate / run.ceiling);
  const postgres = runs.flatMap((run) => run.postgresUsPerEvent ?? []);
  const figure = (x: number) => Math.round(x).toLocaleString('en');
  const percent = (x: number) => `${Math.round(100 * x)} %`;
  return (
    `events over ${runs.length} runs: median ${figure(median(runs.map((run) => run.rate)))} events/s ` +
    `(${runs.map((run) => figure(run.rate)).join(', ')}), COPY ceiling median ` +
    `${figure(median(runs.map((run) => run.ceiling)))} rows/s; events ÷ COPY median ` +
    `${percent(median(ratios))} (${ratios.map(percent).join(', ')}); target ≥ 55,000 events/s, ≥ 50 %; ` +
    `server CPU per event median ${median(runs.map((run) => run.cpuUsPerEvent)).toFixed(1)} µs` +
    (postgres.length === runs.length ? `, Postgres ${median(postgres).toFixed(1)} µs` : '')
  );
}
