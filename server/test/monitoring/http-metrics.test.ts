import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { httpMetrics } from '../../src/metrics/http-metrics.ts';
import { createServiceMetrics } from '../../src/metrics/service-metrics.ts';
import { metricsRoutes } from '../../src/routes/metrics.ts';

function observedApp() {
  const { registry, metrics } = createServiceMetrics();
  const app = new Hono()
    .route('/', httpMetrics(metrics))
    .route('/', metricsRoutes([registry]))
    .get('/api/models/:name/versions/:version', (c) => c.json({ name: c.req.param('name') }))
    .get('/boom', () => {
      throw new Error('boom');
    });
  app.onError((_, c) => c.json({ error: { code: 'internal', message: 'internal error' } }, 500));
  return app;
}

describe('HTTP metrics', () => {
  it('labels requests with the route template, never the raw URL, and the status', async () => {
    const app = observedApp();
    await app.request('/api/models/a/versions/1');
    await app.request('/api/models/b/versions/2');
    await app.request('/boom');
    const text = await (await app.request('/metrics')).text();
    expect(text).toContain(
      'http_requests_total{method="GET",route="/api/models/:name/versions/:version",status="200"} 2',
    );
    expect(text).toContain('http_requests_total{method="GET",route="/boom",status="500"} 1');
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/boom",status="500"\}/,
    );
    expect(text).not.toContain('/api/models/a');
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('serves the Prometheus text format', async () => {
    const response = await observedApp().request('/metrics');
    expect(response.headers.get('content-type')).toContain('text/plain');
  });
});
