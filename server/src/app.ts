// The web app imports this module for its RPC type (web/src/api/typed-client.ts), which brings
// the server's sources into a program that otherwise has no Node types; they are declared here.
/// <reference types="node" />

import { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiError } from '@polarity/core/contracts';
import { HTTPException } from 'hono/http-exception';
import type { UnofficialStatusCode } from 'hono/utils/http-status';
import type { Registry } from 'prom-client';
import type { ApiServices } from './api-services.ts';
import type { Database } from './db/client.ts';
import type { Env } from './env.ts';
import { httpMetrics } from './metrics/http-metrics.ts';
import type { ServiceMetrics } from './metrics/service-metrics.ts';
import { QualityMonitor } from './monitor/quality-monitor.ts';
import { httpExceptionResponse } from './openapi/api-errors.ts';
import { openApiDocument } from './openapi/document.ts';
import { validationHook } from './openapi/validation-hook.ts';
import { adminRoutes } from './routes/admin.ts';
import { docsRoutes } from './routes/docs.ts';
import { eventRoutes } from './routes/events.ts';
import { healthRoutes } from './routes/health.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { modelRoutes } from './routes/models.ts';
import { predictRoutes } from './routes/predict.ts';
import { qualityRoutes } from './routes/quality.ts';
import { webAppRoutes } from './routes/web-app.ts';
import { appSecurity } from './security/app-security.ts';

/** nginx's status for a request the client abandoned before the answer. */
const clientClosedRequest = 499 as UnofficialStatusCode;

export interface AppDeps {
  env: Env;
  db: Database;
  metrics: ServiceMetrics;
  api: ApiServices;
  /** The registry `metrics` was created in (createServiceMetrics()); absent → /metrics omits them. */
  metricsRegistry?: Registry;
  /**
   * The scheduled quality monitor (ROLE=all): its gauges join /metrics. Absent → /api/quality
   * refreshes a private one on demand and its gauges stay off /metrics, so API replicas never
   * duplicate the monitor role's series.
   */
  qualityMonitor?: QualityMonitor;
}

export function createApp(deps: AppDeps) {
  const { env, metrics, api } = deps;
  const monitor =
    deps.qualityMonitor ??
    new QualityMonitor({ db: deps.db, modelName: env.MODEL_NAME, modelRegistry: api.registry });
  const exposed = [deps.metricsRegistry, deps.qualityMonitor?.registry].filter(
    (r): r is Registry => !!r,
  );
  const root = new OpenAPIHono({ defaultHook: validationHook });
  const app = root
    .route('/', httpMetrics(metrics))
    .route('/', appSecurity(env))
    .route('/', healthRoutes(deps.db, api.predictionWriter, api.models))
    .route(
      '/',
      metricsRoutes(exposed, () =>
        metrics.registryDegraded.set(api.registry.health().degraded ? 1 : 0),
      ),
    )
    .route('/api/quality', qualityRoutes(monitor))
    .route('/api/models', modelRoutes({ ...api, metrics, servedModel: env.MODEL_NAME }))
    .route('/api/events', eventRoutes(api.ingest))
    .route(
      '/api/predict',
      predictRoutes({
        models: api.models,
        writer: api.predictionWriter,
        budget: api.inferenceBudget,
        metrics,
        storeText: env.STORE_TEXT,
      }),
    )
    .route('/api/admin', adminRoutes({ ...api, adminToken: env.ADMIN_TOKEN }));
  app.route('/', docsRoutes(openApiDocument(root)));

  app.notFound((c) =>
    c.json<ApiError>({ error: { code: 'not_found', message: `no route for ${c.req.path}` } }, 404),
  );
  app.onError((error, c) => {
    if (error instanceof HTTPException) return httpExceptionResponse(c, error);
    // The client went away mid-request (an abandoned upload, say): nobody reads this answer,
    // and it is no server error, so it is counted as nginx's 499, not as a 5xx.
    if (c.req.raw.signal.aborted) {
      return c.json<ApiError>(
        { error: { code: 'client_closed_request', message: 'the client closed the request' } },
        clientClosedRequest,
      );
    }
    console.error(`${c.req.method} ${c.req.path} failed:`, error);
    return c.json<ApiError>({ error: { code: 'internal', message: 'internal error' } }, 500);
  });

  // The web app answers every other path with index.html (client-side routes); an API path
  // that matches no route is a client's mistake and gets a JSON 404 instead.
  app.all('/api/*', (c) =>
    c.json<ApiError>(
      { error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } },
      404,
    ),
  );
  app.route('/', webAppRoutes(deps.env.WEB_DIST));
  return app;
}

export type AppType = ReturnType<typeof createApp>;
