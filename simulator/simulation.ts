import { ApiRequestError, type Label } from '@polarity/core/contracts';
import type { ApiClient } from './api-client.ts';
import { clientPrediction, feedbackFor, labelOf, type ModelRef } from './events.ts';
import type { SimulatorOptions } from './options.ts';
import type { ReviewSource } from './reviews.ts';
import { emptyCounts, type Summary, type UploadCounts } from './summary.ts';

/** More requests than this waiting on the server means it is overloaded: ticks are skipped. */
const maxInFlight = 32;
/** How often due feedback is uploaded, in one batch, as the web app's outbox does. */
const feedbackFlushMs = 200;
/** How long to wait for GET /api/quality to count what was sent. */
const settleMs = 5_000;

export interface SimulationDeps {
  api: ApiClient;
  reviews: ReviewSource;
  random: () => number;
  clientId: string;
  log?: (line: string) => void;
}

interface AwaitingFeedback {
  dueAt: number;
  prediction: { id: string; label: Label };
  truth: Label;
}

/**
 * Replays reviews at `options.rate` for `options.duration`, through the public API only.
 * `stop` ends the run early: no new predictions, and feedback still owed is sent at once.
 */
export async function runSimulation(
  options: SimulatorOptions,
  deps: SimulationDeps,
  stop: AbortSignal,
): Promise<Summary> {
  const { api, random, clientId } = deps;
  const started = Date.now();
  const summary: Summary = {
    elapsedMs: 0,
    predictions: emptyCounts(),
    feedback: emptyCounts(),
    skipped: 0,
    accuracyVsTruth: null,
    accuracySeen: null,
    errors: [],
  };
  let correct = 0;
  let agreed = 0;
  const awaiting: AwaitingFeedback[] = [];
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    const settled = work
      .catch((error: unknown) => {
        summary.errors.push(error instanceof Error ? error.message : String(error));
      })
      .finally(() => inFlight.delete(settled));
    inFlight.add(settled);
  };
  const fail = (counts: UploadCounts, n: number, error: unknown) => {
    const rejected = error instanceof ApiRequestError && error.status >= 400 && error.status < 500;
    if (rejected) counts.rejected += n;
    else counts.failed += n;
    summary.errors.push((error as Error).message);
  };

  const modelName = async () => options['model-name'] ?? (await api.servedModel());
  const model: ModelRef | undefined =
    options.predictions === 'server'
      ? undefined
      : options['model-version']
        ? { name: await modelName(), version: options['model-version'] }
        : await api.champion(await modelName());
  const before = await storedCounts(api);

  /** Uploads events; returns the ids the server now holds (new or already stored). */
  async function upload(events: Parameters<ApiClient['sendEvents']>[0], counts: UploadCounts) {
    counts.sent += events.length;
    try {
      const result = await api.sendEvents(events);
      counts.accepted += result.accepted;
      counts.duplicates += result.duplicates;
      counts.rejected += result.rejected;
      for (const error of result.errors)
        summary.errors.push(`event ${error.id ?? error.index}: ${error.code}: ${error.message}`);
      const refused = new Set(result.errors.map((error) => error.id));
      return new Set(events.map((event) => event.id).filter((id) => !refused.has(id)));
    } catch (error) {
      fail(counts, events.length, error);
      return new Set<string>();
    }
  }

  async function predictOne(elapsedMs: number) {
    const review = deps.reviews.next(elapsedMs);
    let prediction: { id: string; label: Label };
    if (model) {
      const event = clientPrediction(review, model, options['client-accuracy'], random, clientId);
      if (!(await upload([event], summary.predictions)).has(event.id)) return;
      prediction = event;
    } else {
      summary.predictions.sent += 1;
      try {
        const [result] = await api.predict([review.text], clientId);
        summary.predictions.accepted += 1;
        prediction = result!;
      } catch (error) {
        fail(summary.predictions, 1, error);
        return;
      }
    }
    const truth = labelOf(review);
    if (prediction.label === truth) correct += 1;
    if (random() < options['feedback-share']) {
      awaiting.push({ dueAt: Date.now() + options['feedback-delay'], prediction, truth });
    }
  }

  async function sendDueFeedback(all: boolean) {
    const now = Date.now();
    const due = awaiting.filter((item) => all || item.dueAt <= now);
    if (due.length === 0) return;
    awaiting.splice(0, awaiting.length, ...awaiting.filter((item) => !due.includes(item)));
    const policy = { labelNoise: options['label-noise'], degrade: options.degrade };
    const events = due.map((item) =>
      feedbackFor(item.prediction, item.truth, policy, random, clientId),
    );
    const stored = await upload(events, summary.feedback);
    events.forEach((event, i) => {
      if (stored.has(event.id) && event.label === due[i]!.prediction.label) agreed += 1;
    });
  }

  const flusher = setInterval(() => track(sendDueFeedback(stop.aborted)), feedbackFlushMs);
  const intervalMs = 1000 / options.rate;
  for (let tick = 0; tick * intervalMs < options.duration; tick++) {
    await sleepUntil(started + tick * intervalMs, stop);
    if (stop.aborted) break;
    if (inFlight.size >= maxInFlight) summary.skipped += 1;
    else track(predictOne(tick * intervalMs));
  }
  // Predictions still in flight may add feedback; feedback is owed until every item is sent.
  while (inFlight.size > 0 || awaiting.length > 0) {
    await Promise.race([...inFlight, sleep(feedbackFlushMs)]);
  }
  clearInterval(flusher);

  const predicted = summary.predictions.accepted + summary.predictions.duplicates;
  const judged = summary.feedback.accepted + summary.feedback.duplicates;
  summary.accuracyVsTruth = predicted === 0 ? null : correct / predicted;
  summary.accuracySeen = judged === 0 ? null : agreed / judged;
  summary.elapsedMs = Date.now() - started;
  if (before) summary.stored = await storedSince(api, before, predicted, judged);
  return summary;
}

async function storedCounts(api: ApiClient) {
  const quality = await api.quality().catch(() => undefined);
  if (!quality) return undefined;
  return quality.versions.reduce(
    (sum, v) => ({
      predictions: sum.predictions + v.predictions,
      feedback: sum.feedback + v.feedback,
    }),
    { predictions: 0, feedback: 0 },
  );
}

/** Polls until the API counts at least what was stored (it may aggregate periodically). */
async function storedSince(
  api: ApiClient,
  before: { predictions: number; feedback: number },
  predictions: number,
  feedback: number,
) {
  const deadline = Date.now() + settleMs;
  for (;;) {
    const now = (await storedCounts(api)) ?? before;
    const delta = {
      predictions: now.predictions - before.predictions,
      feedback: now.feedback - before.feedback,
    };
    if ((delta.predictions >= predictions && delta.feedback >= feedback) || Date.now() > deadline)
      return delta;
    await sleep(500);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function sleepUntil(at: number, stop: AbortSignal): Promise<void> {
  const ms = at - Date.now();
  if (ms <= 0 || stop.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    stop.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      stop.removeEventListener('abort', done);
      resolve();
    }
  });
}
