import { z } from 'zod';
import { Caveat } from './caveat.ts';
import { Label, Probabilities, Runtime, Source } from './labels.ts';
import { limits } from './limits.ts';
import { CanonicalUuid, EventTime, maxInt32, storableString } from './storable.ts';
import { ReviewText } from './text.ts';

export const ClientId = storableString(limits.maxClientIdLength);
export const modelNameMax = 128;
export const modelVersionMax = 64;
/** Checked against the registry on arrival: only versions it knows are stored (see ingest). */
const ModelRef = z
  .object({ name: storableString(modelNameMax), version: storableString(modelVersionMax) })
  .strict();

/** A prediction made by a client (or the server), logged once by its client-generated id. */
export const PredictionEvent = z
  .object({
    type: z.literal('prediction'),
    id: CanonicalUuid,
    created_at: EventTime,
    client_id: ClientId,
    source: Source,
    model: ModelRef,
    label: Label,
    probabilities: Probabilities,
    runtime: Runtime,
    latency_ms: z.number().min(0).max(600_000),
    text: ReviewText,
    /** true when a challenger scored the text silently next to the champion */
    shadow: z.boolean().default(false),
    token_count: z.number().int().min(0).max(maxInt32).optional(),
    unknown_token_rate: z.number().min(0).max(1).optional(),
    /** absent from clients older than caveats; null when the verdict had none */
    caveat: Caveat.nullable().optional(),
  })
  .strict();
export type PredictionEvent = z.infer<typeof PredictionEvent>;

/** The user's verdict on a prediction; a later one for the same prediction replaces the earlier. */
export const FeedbackEvent = z
  .object({
    type: z.literal('feedback'),
    id: CanonicalUuid,
    created_at: EventTime,
    client_id: ClientId,
    prediction_id: CanonicalUuid,
    label: Label,
  })
  .strict();
export type FeedbackEvent = z.infer<typeof FeedbackEvent>;

export const Event = z.discriminatedUnion('type', [PredictionEvent, FeedbackEvent]);
export type Event = z.infer<typeof Event>;
export type EventInput = z.input<typeof Event>;

/**
 * The batch is checked as a whole for its size; each event is checked on its own so that
 * one bad event does not sink the valid ones beside it.
 */
export const EventBatch = z
  .object({ events: z.array(z.unknown()).min(1).max(limits.maxEventsPerBatch) })
  .strict();

export const EventError = z.object({
  index: z.number().int(),
  id: z.string().optional(),
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
});

export const EventBatchResult = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(EventError),
});
export type EventBatchResult = z.infer<typeof EventBatchResult>;
