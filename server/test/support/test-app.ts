import { ApiError } from '@polarity/core/contracts';
import type { ModelRegistry } from '@polarity/core/registry';
import { createApiServices } from '../../src/api-services.ts';
import { createApp } from '../../src/app.ts';
import type { Database } from '../../src/db/client.ts';
import { loadEnv } from '../../src/env.ts';
import { createServiceMetrics } from '../../src/metrics/service-metrics.ts';
import { shippedRegistryDir } from './model-registry.ts';

export interface TestAppOptions {
  db: Database;
  /** Environment variables as strings, as the process would see them. */
  env?: Record<string, string>;
  registry?: ModelRegistry;
}

/**
 * The real app and services over a test database; the champion is not loaded until
 * `api.models.start()`. Without a registry of its own it reads the shipped one (read only), so
 * events naming version 1 are of a version the registry knows.
 */
export function createTestApp({ db, env = {}, registry }: TestAppOptions) {
  const parsedEnv = loadEnv({ REGISTRY_DIR: shippedRegistryDir, ...env });
  const { metrics, registry: promRegistry } = createServiceMetrics();
  const api = createApiServices({ env: parsedEnv, db, metrics, ...(registry ? { registry } : {}) });
  const app = createApp({ env: parsedEnv, db, metrics, api, metricsRegistry: promRegistry });
  return { app, api, metrics, promRegistry, env: parsedEnv };
}

/** A JSON POST through `app.request`. */
export function postJson(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** The value of one series of a prom-client metric. */
export async function metricValue(
  metric: {
    get(): Promise<{ values: { labels: Record<string, string | number>; value: number }[] }>;
  },
  labels: Record<string, string>,
): Promise<number> {
  const { values } = await metric.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want))
    .reduce((sum, v) => sum + v.value, 0);
}

/** The `{error}` body of a failed response, checked against the contract. */
export async function errorOf(response: Response): Promise<ApiError['error']> {
  return ApiError.parse(await response.json()).error;
}
