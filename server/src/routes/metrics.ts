import { Hono } from 'hono';
import { Registry } from 'prom-client';

/**
 * `GET /metrics` in the Prometheus text format, over one or more registries. `beforeScrape`
 * samples state that has no event of its own to count (e.g. whether the registry is degraded).
 */
export function metricsRoutes(registries: Registry[], beforeScrape?: () => void) {
  const merged = registries.length === 1 ? registries[0]! : Registry.merge(registries);
  return new Hono().get('/metrics', async (c) => {
    beforeScrape?.();
    c.header('Content-Type', merged.contentType);
    c.header('Cache-Control', 'no-store');
    return c.body(await merged.metrics());
  });
}
