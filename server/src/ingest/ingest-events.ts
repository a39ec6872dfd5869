import {
  describeIssues,
  Event,
  type EventBatchResult,
  type FeedbackEvent,
  type PredictionEvent,
} from '@polarity/core/contracts';
import { plainEvent } from '@polarity/core/contracts/plain-event';
import type { Database } from '../db/client.ts';
import { CounterTally } from '../metrics/counter-tally.ts';
import type { ServiceMetrics } from '../metrics/service-metrics.ts';
import type { KnownVersions, VersionCheck } from '../models/known-versions.ts';
import {
  describeRefusal,
  isConcurrentConflict,
  isDatabaseUnavailable,
  isRowRefused,
  StorageUnavailableError,
} from './database-errors.ts';
import { storeDeadLetters } from './dead-letters.ts';
import { eventValues, feedbackRow } from './event-rows.ts';
import {
  type EventQueries,
  inTransaction,
  type KnownPrediction,
  type StoredKey,
} from './event-store.ts';

type EventError = EventBatchResult['errors'][number];

export interface IngestDeps {
  db: Database;
  storeText: boolean;
  metrics: ServiceMetrics;
  knownVersions: KnownVersions;
}

/** The registry could not say whether an event's model version exists; nothing was stored. */
export class RegistryUnavailableError extends Error {
  override name = 'RegistryUnavailableError';
}

interface Checked {
  predictions: PredictionEvent[];
  feedback: FeedbackEvent[];
}

interface Validated extends Checked {
  errors: EventError[];
  /** each valid event's position in the batch, for the errors that come later */
  indexOf: Map<string, number>;
}

/**
 * The event as `Event.parse` returns it, or the error to answer. `plainEvent` decides the
 * ordinary valid event at a fraction of zod's cost; everything else is zod's to judge.
 */
function parseEvent(candidate: unknown, index: number, now: number): Event | EventError {
  const plain = plainEvent(candidate, now);
  if (plain) return plain;
  const parsed = Event.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const rawId = (candidate as { id?: unknown } | null)?.id;
  const id = typeof rawId === 'string' ? rawId : undefined;
  const { message, field } = describeIssues(parsed.error);
  return { index, ...(id && { id }), code: 'invalid_event', message, ...(field && { field }) };
}

/** Each event is validated on its own; a repeated id inside the batch keeps only its first. */
function checkEvents(raw: unknown[]): Validated {
  const checked: Validated = { predictions: [], feedback: [], errors: [], indexOf: new Map() };
  const now = Date.now();
  raw.forEach((candidate, index) => {
    const event = parseEvent(candidate, index, now);
    if ('code' in event) {
      checked.errors.push(event);
      return;
    }
    const earlier = checked.indexOf.get(event.id);
    if (earlier !== undefined) {
      checked.errors.push({
        index,
        id: event.id,
        code: 'duplicate_in_batch',
        message: `event id ${event.id} already appears at index ${earlier} of this batch; only the first is stored`,
        field: 'id',
      });
      return;
    }
    checked.indexOf.set(event.id, index);
    if (event.type === 'prediction') checked.predictions.push(event);
    else checked.feedback.push(event);
  });
  return checked;
}

/**
 * Predictions of a model version the registry does not know are refused one by one. A batch
 * names one version or a few: each is checked once, then the events are sorted without an
 * `await` or a key string each (about 0.4 µs of an event's 16 when every event did both).
 */
async function checkModelVersions(checked: Validated, knownVersions: KnownVersions) {
  const verdicts = new Map<string, Map<string, VersionCheck>>();
  const checks: Promise<void>[] = [];
  for (const { model } of checked.predictions) {
    const versions = verdicts.get(model.name) ?? new Map<string, VersionCheck>();
    verdicts.set(model.name, versions);
    if (versions.has(model.version)) continue;
    // Set before the check settles, so a version is checked once; replaced when it does.
    versions.set(model.version, 'unverifiable');
    checks.push(
      knownVersions.check(model.name, model.version).then((verdict) => {
        versions.set(model.version, verdict);
      }),
    );
  }
  await Promise.all(checks);
  const known: PredictionEvent[] = [];
  for (const event of checked.predictions) {
    const verdict = verdicts.get(event.model.name)!.get(event.model.version);
    if (verdict === 'known') {
      known.push(event);
    } else if (verdict === 'unverifiable') {
      throw new RegistryUnavailableError(
        `cannot check model ${event.model.name} version ${event.model.version}: the model registry is unavailable`,
      );
    } else {
      checked.errors.push({
        index: checked.indexOf.get(event.id) ?? -1,
        id: event.id,
        code: 'unknown_model_version',
        message: `the registry has no model ${JSON.stringify(event.model.name)} version ${JSON.stringify(event.model.version)}`,
        field: 'model.version',
      });
    }
  }
  checked.predictions = known;
}

/** The latest verdict per prediction (a later one in the batch wins a tie). */
function latestPerPrediction(events: FeedbackEvent[]): FeedbackEvent[] {
  const latest = new Map<string, FeedbackEvent>();
  for (const event of events) {
    const held = latest.get(event.prediction_id);
    if (!held || Date.parse(event.created_at) >= Date.parse(held.created_at)) {
      latest.set(event.prediction_id, event);
    }
  }
  return [...latest.values()];
}

interface Stored {
  insertedPredictions: Set<string>;
  /** feedback event ids stored before, or by a concurrent request */
  duplicateFeedback: Set<string>;
  /** feedback event ids this request wrote */
  writtenFeedback: Set<string>;
  known: Map<string, KnownPrediction>;
  /** events the database refused, set aside with the reason */
  refused: Map<string, string>;
}

function emptyStored(): Stored {
  return {
    insertedPredictions: new Set(),
    duplicateFeedback: new Set(),
    writtenFeedback: new Set(),
    known: new Map(),
    refused: new Map(),
  };
}

function merge(a: Stored, b: Stored): Stored {
  return {
    insertedPredictions: new Set([...a.insertedPredictions, ...b.insertedPredictions]),
    duplicateFeedback: new Set([...a.duplicateFeedback, ...b.duplicateFeedback]),
    writtenFeedback: new Set([...a.writtenFeedback, ...b.writtenFeedback]),
    known: new Map([...a.known, ...b.known]),
    refused: new Map([...a.refused, ...b.refused]),
  };
}

async function store(
  queries: EventQueries,
  checked: Checked,
  storeText: boolean,
  storedKey: StoredKey,
): Promise<Stored> {
  const insertedPredictions = await queries.insertPredictionValues(
    checked.predictions.map((event) => eventValues(event, storeText)),
    'client',
    storedKey,
  );
  const storedBefore = await queries.storedFeedbackEventIds(checked.feedback.map((e) => e.id));
  const fresh = checked.feedback.filter((event) => !storedBefore.has(event.id));
  const writtenFeedback = await queries.upsertFeedback(latestPerPrediction(fresh).map(feedbackRow));
  // A concurrent request may have stored the same event between the two reads: it is that
  // request's, and a duplicate here, so the sum of `accepted` over all requests stays exact.
  const storedMeanwhile = await queries.storedFeedbackEventIds(
    fresh.filter((event) => !writtenFeedback.has(event.id)).map((event) => event.id),
  );
  const known = await queries.knownPredictions([
    ...new Set(fresh.filter((e) => writtenFeedback.has(e.id)).map((e) => e.prediction_id)),
  ]);
  return {
    insertedPredictions,
    duplicateFeedback: new Set([...storedBefore, ...storedMeanwhile]),
    writtenFeedback,
    known,
    refused: new Map(),
  };
}

/** Tries of a batch while it collides: the first without conflict arbitration, then three with. */
const conflictRetries = 4;

/**
 * Stores the events in one transaction. The first try inserts predictions with `storedKey`
 * 'fail': the look-up already leaves out what is stored, so only a concurrent copy can collide,
 * and arbitrating every row costs Postgres more than the rare retry. A race with a concurrent
 * request over the same key is retried, arbitrated: the retry's look-up sees the winner's row,
 * or its insert waits for the winner's transaction and skips the row. A value the database
 * refuses is tracked down by halving the batch, and that event alone is set aside, so it never
 * sinks the others.
 */
async function storeIsolating(deps: IngestDeps, checked: Checked): Promise<Stored> {
  for (let attempt = 1; ; attempt++) {
    const storedKey = attempt === 1 ? 'fail' : 'skip';
    try {
      return await inTransaction(deps.db, (queries) =>
        store(queries, checked, deps.storeText, storedKey),
      );
    } catch (error) {
      if (isConcurrentConflict(error) && attempt < conflictRetries) continue;
      if (!isRowRefused(error)) throw error;
      return isolate(deps, checked, error);
    }
  }
}

async function isolate(deps: IngestDeps, checked: Checked, error: unknown): Promise<Stored> {
  const events = [...checked.predictions, ...checked.feedback];
  if (events.length > 1) {
    const half = Math.ceil(events.length / 2);
    const first = await storeIsolating(deps, split(events.slice(0, half)));
    return merge(first, await storeIsolating(deps, split(events.slice(half))));
  }
  const [event] = events;
  const stored = emptyStored();
  if (!event) return stored;
  await storeDeadLetters(deps.db, deps.metrics, 'events', [
    { eventId: event.id, payload: event, error },
  ]);
  stored.refused.set(event.id, describeRefusal(error));
  return stored;
}

function split(events: (PredictionEvent | FeedbackEvent)[]): Checked {
  return {
    predictions: events.filter((e): e is PredictionEvent => e.type === 'prediction'),
    feedback: events.filter((e): e is FeedbackEvent => e.type === 'feedback'),
  };
}

/**
 * Stores a batch idempotently by event id. Feedback may precede its prediction; an older verdict
 * than the stored one is accepted and dropped. Invalid events, unknown model versions and values
 * the database refuses are rejected one by one, with the reason; the rest of the batch is stored.
 */
export function createEventIngestor(deps: IngestDeps) {
  const { metrics } = deps;
  return async function ingest(raw: unknown[]): Promise<EventBatchResult> {
    const checked = checkEvents(raw);
    let stored: Stored;
    try {
      await checkModelVersions(checked, deps.knownVersions);
      stored = await storeIsolating(deps, checked);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      metrics.dbQueryErrors.inc({ operation: 'ingest_events' });
      throw new StorageUnavailableError(`storing ${raw.length} events`, { cause: error });
    }

    const receivedAt = Date.now();
    const ingested = new CounterTally(metrics.eventsIngested);
    const storedPredictions = new CounterTally(metrics.predictions);
    const caveated = new CounterTally(metrics.caveatedPredictions);
    const verdicts = new CounterTally(metrics.feedback);
    let accepted = 0;
    let duplicates = 0;
    for (const event of checked.predictions) {
      if (stored.refused.has(event.id)) continue;
      if (!stored.insertedPredictions.has(event.id)) {
        duplicates++;
        ingested.add({ type: 'prediction', result: 'duplicate' });
        continue;
      }
      accepted++;
      ingested.add({ type: 'prediction', result: 'accepted' });
      const version = event.model.version;
      metrics.outboxLag.observe({ type: 'prediction' }, lagSeconds(receivedAt, event.created_at));
      storedPredictions.add({ model_version: version, label: event.label, runtime: event.runtime });
      if (event.caveat) caveated.add({ model_version: version, code: event.caveat.code });
      if (event.runtime !== 'server') {
        metrics.clientInferenceDuration.observe(
          { runtime: event.runtime, model_version: version },
          event.latency_ms / 1000,
        );
      }
    }
    for (const event of checked.feedback) {
      if (stored.refused.has(event.id)) continue;
      if (stored.duplicateFeedback.has(event.id)) {
        duplicates++;
        ingested.add({ type: 'feedback', result: 'duplicate' });
        continue;
      }
      accepted++;
      ingested.add({ type: 'feedback', result: 'accepted' });
      metrics.outboxLag.observe({ type: 'feedback' }, lagSeconds(receivedAt, event.created_at));
      if (!stored.writtenFeedback.has(event.id)) continue;
      const prediction = stored.known.get(event.prediction_id);
      verdicts.add({
        model_version: prediction?.modelVersion ?? 'unknown',
        outcome: !prediction
          ? 'unknown'
          : prediction.label === event.label
            ? 'correct'
            : 'incorrect',
      });
    }
    for (const tally of [ingested, storedPredictions, caveated, verdicts]) tally.apply();
    for (const [id, reason] of stored.refused) {
      checked.errors.push({
        index: checked.indexOf.get(id) ?? -1,
        id,
        code: 'unstorable',
        message: `the database refused this event (${reason}); it was set aside for an operator and will not be stored by resending it`,
      });
    }
    checked.errors.sort((a, b) => a.index - b.index);
    const rejected = checked.errors.length;
    if (rejected > 0) metrics.eventsIngested.inc({ type: 'invalid', result: 'rejected' }, rejected);
    return { accepted, duplicates, rejected, errors: checked.errors };
  };
}

/** Clock skew can make a client's timestamp lie in the future; that is no lag, not a negative one. */
function lagSeconds(receivedAt: number, createdAt: string): number {
  return Math.max(0, (receivedAt - Date.parse(createdAt)) / 1000);
}
