import { createRoute } from '@hono/zod-openapi';
import { EventBatch, EventBatchResult } from '@polarity/core/contracts';
import { StorageUnavailableError } from '../ingest/database-errors.ts';
import { type createEventIngestor, RegistryUnavailableError } from '../ingest/ingest-events.ts';
import { errorResponses, unavailableResponse } from '../openapi/api-errors.ts';
import { jsonBodyLimit } from '../openapi/json-body.ts';
import { createRouter } from '../openapi/router.ts';

const postEvents = createRoute({
  method: 'post',
  path: '/',
  summary: 'Upload predictions and feedback (idempotent by event id)',
  description:
    'Each event is validated on its own: valid events are stored, the others are listed in `errors` ' +
    'with a `code`: `invalid_event` (the `field` names what is wrong, including values Postgres cannot ' +
    'hold), `duplicate_in_batch`, `unknown_model_version` (the registry has no such version) or ' +
    '`unstorable` (the database refused it; it was set aside for an operator). Those are final: ' +
    'resending them changes nothing. Re-sending an event that is already stored counts it in ' +
    '`duplicates` and stores nothing. A 503 stored nothing and may be retried after `Retry-After`.',
  middleware: [jsonBodyLimit] as const,
  request: { body: { content: { 'application/json': { schema: EventBatch } }, required: true } },
  responses: {
    200: {
      description: 'what was stored, what was already there, what was refused',
      content: { 'application/json': { schema: EventBatchResult } },
    },
    ...errorResponses(400, 413, 415, 422, 429, 503),
  },
});

export function eventRoutes(ingest: ReturnType<typeof createEventIngestor>) {
  return createRouter().openapi(postEvents, async (c) => {
    try {
      return c.json(await ingest(c.req.valid('json').events), 200);
    } catch (error) {
      if (error instanceof RegistryUnavailableError) {
        return unavailableResponse(
          c,
          'registry_unavailable',
          `${error.message}; nothing was stored`,
        );
      }
      if (!(error instanceof StorageUnavailableError)) throw error;
      console.error(`POST /api/events: ${error.message}: ${(error.cause as Error).message}`);
      return unavailableResponse(c, 'storage_unavailable', `${error.message}; nothing was stored`);
    }
  });
}
