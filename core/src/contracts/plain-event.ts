import type { z } from 'zod';
import { caveatCodes, maxCaveatMessageLength } from './caveat.ts';
import {
  type Event,
  FeedbackEvent,
  modelNameMax,
  modelVersionMax,
  PredictionEvent,
} from './events.ts';
import { Label, Runtime, Source } from './labels.ts';
import { limits } from './limits.ts';
import {
  CanonicalUuid,
  EventTime,
  earliestEventTime,
  maxClockSkewMs,
  maxInt32,
} from './storable.ts';

/*
 * `Event.parse` costs the server about 6 µs an event, a quarter of what storing a batch costs it.
 * `plainEvent` takes the common case, a valid event made of plain JSON values, in a fraction of
 * that, and answers `undefined` for anything else, which then goes to zod as before: it never
 * refuses an event, so every rejection and its message stay zod's. What it accepts, zod accepts
 * too, with the same value (core/test/contracts/plain-event.property.test.ts). Exported on its
 * own path (`@polarity/core/contracts/plain-event`), not from the contracts, so the browser's
 * bundle, which never ingests, does not carry it.
 */

/** The patterns zod checks ids and times against, taken from the schemas so they cannot drift. */
const patternOf = (schema: z.ZodType): RegExp => {
  const { pattern } = schema._zod.def as { pattern?: RegExp };
  if (!pattern) throw new Error('plainEvent: a schema lost its pattern');
  return pattern;
};
const uuidPattern = patternOf(
  (CanonicalUuid._zod.def as unknown as { in: z.ZodType }).in,
) as RegExp;
const timePattern = patternOf(EventTime);

/** NUL or any surrogate: no storable-text problem is possible without one; with one, zod looks. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is one of what Postgres text refuses
const maybeUnstorable = /[\u0000\uD800-\uDFFF]/;

const labels = new Set<unknown>(Label.options);
const runtimes = new Set<unknown>(Runtime.options);
const sources = new Set<unknown>(Source.options);
const codes = new Set<unknown>(caveatCodes);

const predictionKeys = new Set(Object.keys(PredictionEvent.shape));
const feedbackKeys = new Set(Object.keys(FeedbackEvent.shape));

/** An object as JSON.parse makes it, holding no key outside `keys` and no undefined value. */
function isPlain(value: unknown, keys: ReadonlySet<string>): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) {
    if (!keys.has(key) || (value as Record<string, unknown>)[key] === undefined) return false;
  }
  return true;
}

const modelKeys = new Set(['name', 'version']);
const probabilityKeys = new Set(['negative', 'positive']);
const caveatKeys = new Set(['code', 'message']);

function storable(value: unknown, max: number): value is string {
  return (
    typeof value === 'string' &&
    value.length >= 1 &&
    value.length <= max &&
    !maybeUnstorable.test(value)
  );
}

const inRange = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && value >= min && value <= max;

const uuid = (value: unknown): value is string =>
  typeof value === 'string' && uuidPattern.test(value);

/** `now` read before the call: zod, reading the clock later, accepts whatever this accepts. */
function eventTime(value: unknown, now: number): value is string {
  if (typeof value !== 'string' || !timePattern.test(value)) return false;
  const at = Date.parse(value);
  return at >= earliestEventTime && at <= now + maxClockSkewMs;
}

/**
 * `Event.parse(candidate)` when the candidate is plainly valid; `undefined` when it is not, or
 * when it is unusual in a way this does not decide (a surrogate in a string, an object that is
 * not plain JSON): ask zod then.
 */
export function plainEvent(candidate: unknown, now: number): Event | undefined {
  const type = (candidate as { type?: unknown } | null)?.type;
  if (type === 'prediction') return plainPrediction(candidate, now);
  if (type === 'feedback') return plainFeedback(candidate, now);
  return undefined;
}

function plainPrediction(candidate: unknown, now: number): Event | undefined {
  if (!isPlain(candidate, predictionKeys)) return undefined;
  const e = candidate;
  const { model, probabilities, caveat, shadow, token_count, unknown_token_rate } = e;
  if (
    !uuid(e.id) ||
    !eventTime(e.created_at, now) ||
    !storable(e.client_id, limits.maxClientIdLength) ||
    !sources.has(e.source) ||
    !isPlain(model, modelKeys) ||
    !storable(model.name, modelNameMax) ||
    !storable(model.version, modelVersionMax) ||
    !labels.has(e.label) ||
    !isPlain(probabilities, probabilityKeys) ||
    !inRange(probabilities.negative, 0, 1) ||
    !inRange(probabilities.positive, 0, 1) ||
    !runtimes.has(e.runtime) ||
    !inRange(e.latency_ms, 0, 600_000) ||
    typeof e.text !== 'string' ||
    e.text.length > limits.maxTextLength ||
    e.text.trim().length === 0 ||
    maybeUnstorable.test(e.text) ||
    (shadow !== undefined && typeof shadow !== 'boolean') ||
    (token_count !== undefined &&
      !(Number.isInteger(token_count) && inRange(token_count, 0, maxInt32))) ||
    (unknown_token_rate !== undefined && !inRange(unknown_token_rate, 0, 1)) ||
    (caveat !== undefined &&
      caveat !== null &&
      !(
        isPlain(caveat, caveatKeys) &&
        codes.has(caveat.code) &&
        storable(caveat.message, maxCaveatMessageLength)
      ))
  ) {
    return undefined;
  }
  // A fresh object in the schema's key order, as zod builds it.
  const event: Record<string, unknown> = {
    type: 'prediction',
    id: e.id.toLowerCase(),
    created_at: e.created_at,
    client_id: e.client_id,
    source: e.source,
    model: { name: model.name, version: model.version },
    label: e.label,
    probabilities: { negative: probabilities.negative, positive: probabilities.positive },
    runtime: e.runtime,
    latency_ms: e.latency_ms,
    text: e.text,
    shadow: shadow ?? false,
  };
  if (token_count !== undefined) event.token_count = token_count;
  if (unknown_token_rate !== undefined) event.unknown_token_rate = unknown_token_rate;
  if (caveat !== undefined) {
    event.caveat = caveat && {
      code: (caveat as Record<string, unknown>).code,
      message: (caveat as Record<string, unknown>).message,
    };
  }
  return event as Event;
}

function plainFeedback(candidate: unknown, now: number): Event | undefined {
  if (!isPlain(candidate, feedbackKeys)) return undefined;
  const e = candidate;
  if (
    !uuid(e.id) ||
    !eventTime(e.created_at, now) ||
    !storable(e.client_id, limits.maxClientIdLength) ||
    !uuid(e.prediction_id) ||
    !labels.has(e.label)
  ) {
    return undefined;
  }
  return {
    type: 'feedback',
    id: e.id.toLowerCase(),
    created_at: e.created_at,
    client_id: e.client_id,
    prediction_id: e.prediction_id.toLowerCase(),
    label: e.label as Label,
  };
}
