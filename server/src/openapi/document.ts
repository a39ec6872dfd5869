import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';

/** Routes not built with zod-openapi (plain Hono routers), described here so the reference is complete. */
function registerPlainRoutes(app: OpenAPIHono) {
  const registry = app.openAPIRegistry;
  const status = z.object({ status: z.string(), reason: z.string().optional() });
  const json = (description: string) => ({
    description,
    content: { 'application/json': { schema: status } },
  });
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the process answers',
    responses: { 200: json('alive') },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: the database answers and every migration is applied',
    responses: { 200: json('ready'), 503: json('not ready, with the reason') },
  });
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics of this process (text exposition format)',
    responses: {
      200: { description: 'metrics', content: { 'text/plain': { schema: z.string() } } },
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/openapi.json',
    summary: 'This document (OpenAPI 3.1)',
    responses: {
      200: {
        description: 'the document',
        content: { 'application/json': { schema: z.object({}).loose() } },
      },
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/docs',
    summary: 'Interactive API reference',
    responses: {
      200: { description: 'HTML page', content: { 'text/html': { schema: z.string() } } },
    },
  });
}

/** The OpenAPI 3.1 document of every route, generated from the zod schemas that validate them. */
export function openApiDocument(app: OpenAPIHono): () => object {
  registerPlainRoutes(app);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'ADMIN_TOKEN; admin routes answer 403 when it is unset',
  });
  return () =>
    app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Polarity API',
        version: '1',
        description:
          'Sentiment of product reviews: versioned model delivery, event ingestion, server-side inference. ' +
          'Errors are `{error:{code,message,field?}}`. Limits: bodies ≤ 1 MiB, texts ≤ 20,000 characters, ' +
          '≤ 500 events per batch, ≤ 64 texts per prediction call.',
      },
    });
}
