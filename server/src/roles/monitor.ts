import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { DatabaseHandle } from '../db/client.ts';
import type { Env } from '../env.ts';
import { registryFromEnv } from '../models/registry-from-env.ts';
import { QualityMonitor } from '../monitor/quality-monitor.ts';
import { scheduleRetention } from '../privacy/retention.ts';
import { metricsRoutes } from '../routes/metrics.ts';
import { failStartup } from '../startup-failure.ts';
import { scheduleStorageMaintenance } from '../storage/maintenance.ts';
import { closeServer, stopOnSignal } from './shutdown.ts';

/** The monitor role's HTTP face: its gauges and process metrics on /metrics, and /healthz. */
export function createMonitorApp(monitor: QualityMonitor) {
  const processMetrics = new Registry();
  collectDefaultMetrics({ register: processMetrics });
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok' as const }))
    .route('/', metricsRoutes([processMetrics, monitor.registry]));
}

/**
 * ROLE=monitor: the quality cycle on a schedule, its gauges and process metrics on
 * MONITOR_PORT (/metrics, /healthz). One such process per deployment, however many API replicas.
 */
export function runMonitorRole(env: Env, database: DatabaseHandle): void {
  const monitor = new QualityMonitor({
    db: database.db,
    modelName: env.MODEL_NAME,
    modelRegistry: registryFromEnv(env),
    writesRollups: true,
  });
  const app = createMonitorApp(monitor);
  monitor.start(env.MONITOR_INTERVAL_MS);
  // With ROLE=api replicas, the single monitor process is where the retention job runs.
  const retention =
    env.TEXT_RETENTION_DAYS === undefined
      ? undefined
      : scheduleRetention({ db: database.db, days: env.TEXT_RETENTION_DAYS });
  // Likewise the partitions: days ahead created, days past retention dropped, by one process.
  const maintenance = scheduleStorageMaintenance({
    db: database.db,
    retentionDays: env.PREDICTION_RETENTION_DAYS,
  });
  const server = serve({ fetch: app.fetch, port: env.MONITOR_PORT, hostname: env.HOST }, (info) => {
    console.log(
      `polarity monitor: metrics on http://localhost:${info.port}/metrics (database: ${database.kind})`,
    );
  });
  server.on('error', (error: NodeJS.ErrnoException) =>
    failStartup(`MONITOR_PORT: cannot listen on ${env.MONITOR_PORT} (${error.message})`),
  );
  stopOnSignal('monitor', async () => {
    monitor.stop();
    retention?.stop();
    maintenance.stop();
    await closeServer(server);
    await database.close();
  });
}
