import { Hono } from 'hono';
import { routePath } from 'hono/route';
import type { ServiceMetrics } from './service-metrics.ts';

/**
 * Records every request's duration and count. After `next()` the route index points at the
 * handler that answered, so `route` is its template (`/api/models/:name`), never the raw URL;
 * a request nothing answered is labelled with this middleware's own pattern.
 */
export function httpMetrics(metrics: Pick<ServiceMetrics, 'httpRequestDuration' | 'httpRequests'>) {
  // A router of its own, so mounting it first keeps the app's OpenAPIHono type (`use` would not).
  return new Hono().use('*', async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const labels = { method: c.req.method, route: routePath(c), status: String(c.res.status) };
      metrics.httpRequestDuration.observe(labels, (performance.now() - started) / 1000);
      metrics.httpRequests.inc(labels);
    }
  });
}
