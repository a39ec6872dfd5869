import { randomUUID } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { PredictRequest, PredictResponse, toPredictionResult } from '@polarity/core/contracts';
import type { TypedResponse } from 'hono';
import { predictionRow } from '../ingest/event-rows.ts';
import type { PredictionWriter } from '../ingest/prediction-writer.ts';
import type { ServiceMetrics } from '../metrics/service-metrics.ts';
import { InferenceQueueFullError } from '../models/inference-pool.ts';
import { type ModelService, NoModelError } from '../models/model-service.ts';
import { registryFailure } from '../models/registry-failure.ts';
import { errorBody, errorResponses, unavailableResponse } from '../openapi/api-errors.ts';
import { jsonBodyLimit } from '../openapi/json-body.ts';
import { createRouter } from '../openapi/router.ts';
import { clientKey } from '../security/client-key.ts';
import type { InferenceBudget } from '../security/inference-budget.ts';
import { inferenceBudgetGate } from '../security/inference-budget-gate.ts';
import { predictResponseBody } from './predict-json.ts';

/** How long to wait after a 503 for a full inference queue: it drains within about a second. */
const queueFullRetryAfterS = 1;

const postPredict = createRoute({
  method: 'post',
  path: '/',
  summary: 'Score one text or up to 64 on the server',
  description:
    'Same tokenizer, model and explanation as the browser. Every prediction is logged with ' +
    'runtime `server`. `model_version` pins a version; the champion answers otherwise. ' +
    '`explain` says which tokens each explanation holds: `shown` (the default) those of the words ' +
    'the app marks and of the phrases it gives as reasons, from which it draws exactly what it ' +
    'draws from every token; `all` every token (what every answer held before `explain` ' +
    "existed). The answer's `explain` names the scope it holds.",
  middleware: [jsonBodyLimit] as const,
  request: {
    body: { content: { 'application/json': { schema: PredictRequest } }, required: true },
  },
  responses: {
    200: {
      description: 'one prediction per text, in order',
      content: { 'application/json': { schema: PredictResponse } },
    },
    ...errorResponses(400, 404, 413, 415, 422, 429, 502, 503),
  },
});

export interface PredictRouteDeps {
  models: ModelService;
  writer: PredictionWriter;
  budget: InferenceBudget;
  metrics: ServiceMetrics;
  storeText: boolean;
}

export function predictRoutes({ models, writer, budget, metrics, storeText }: PredictRouteDeps) {
  const budgetGate = inferenceBudgetGate(budget);
  const router = createRouter();
  // Before the route's own middleware: a client over its budget is refused before its body is read.
  router.use('/', budgetGate.gate);
  return router.openapi(postPredict, async (c) => {
    const body = c.req.valid('json');
    const texts = body.texts ?? (body.text === undefined ? [] : [body.text]);
    let model: Awaited<ReturnType<ModelService['get']>>;
    try {
      model = await models.get(body.model_version);
    } catch (error) {
      if (error instanceof NoModelError)
        return unavailableResponse(c, 'model_unavailable', error.message);
      const known = registryFailure(error);
      if (!known) throw error;
      return c.json(
        errorBody(known.code, known.message, known.status === 404 ? 'model_version' : undefined),
        known.status,
      );
    }
    const scope = body.explain ?? 'shown';
    const started = performance.now();
    let classifications: Awaited<ReturnType<typeof model.classify>>;
    try {
      classifications = await model.classify(texts, clientKey(c), scope);
    } catch (error) {
      if (!(error instanceof InferenceQueueFullError)) throw error;
      return unavailableResponse(
        c,
        'inference_queue_full',
        `the server has more inference work waiting than it takes (${error.message})`,
        queueFullRetryAfterS,
      );
    }
    const elapsedMs = performance.now() - started;
    metrics.serverInferenceDuration.observe({ model_version: model.version }, elapsedMs / 1000);

    const createdAt = new Date().toISOString();
    const latencyMs = elapsedMs / texts.length;
    const results = classifications.map((classification) =>
      toPredictionResult(classification, {
        id: randomUUID(),
        model,
        runtime: 'server',
        latency_ms: latencyMs,
      }),
    );
    const logged = writer.add(
      results.map((result, i) =>
        predictionRow(
          {
            type: 'prediction',
            id: result.id,
            created_at: createdAt,
            client_id: body.client_id ?? 'api',
            source: body.source ?? 'api',
            model: result.model,
            label: result.label,
            probabilities: result.probabilities,
            runtime: 'server',
            latency_ms: latencyMs,
            text: texts[i] ?? '',
            shadow: false,
            token_count: result.tokenCount,
            unknown_token_rate: result.unknownTokenRate,
            caveat: result.caveat,
          },
          storeText,
        ),
      ),
    );
    if (!logged) {
      return unavailableResponse(
        c,
        'prediction_log_full',
        'the prediction log is full while the database is unavailable; no prediction was returned or stored',
      );
    }
    budgetGate.settle(
      c,
      texts.reduce((sum, text) => sum + text.length, 0),
    );
    // The PredictResponse JSON, written without JSON.stringify (see predict-json.ts).
    return c.body(predictResponseBody(scope, results), 200, {
      'content-type': 'application/json',
    }) as unknown as TypedResponse<PredictResponse, 200, 'json'>;
  });
}
