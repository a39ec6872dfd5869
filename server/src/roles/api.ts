import { serve } from '@hono/node-server';
import { createApiServices } from '../api-services.ts';
import { createApp } from '../app.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { applyMigrations } from '../db/migrations.ts';
import type { Env } from '../env.ts';
import { createServiceMetrics } from '../metrics/service-metrics.ts';
import { QualityMonitor } from '../monitor/quality-monitor.ts';
import { scheduleRetention } from '../privacy/retention.ts';
import { failStartup, rootReason } from '../startup-failure.ts';
import { scheduleStorageMaintenance } from '../storage/maintenance.ts';
import { closeServer, stopOnSignal } from './shutdown.ts';

/** Idle keep-alive connections are closed after this long, ms. */
const keepAliveTimeoutMs = 65_000;

/** How long shutdown keeps retrying the prediction log while the database is down, ms. */
const shutdownDrainMs = 10_000;

/**
 * ROLE=api (or all): applies the migrations, serves the API and the web app on PORT. ROLE=all is
 * the one process of a small deployment, so it also computes model quality, runs retention and keeps the partitions.
 */
export async function runApiRole(env: Env, database: DatabaseHandle): Promise<void> {
  try {
    await applyMigrations(database, env.DATABASE_URL);
  } catch (error) {
    const where = env.DATABASE_URL ? 'DATABASE_URL' : 'DATA_DIR';
    failStartup(`${where}: cannot apply migrations (${rootReason(error)})`);
  }

  const { metrics, registry: metricsRegistry } = createServiceMetrics();
  const api = createApiServices({ env, db: database.db, metrics });
  const qualityMonitor =
    env.ROLE === 'all'
      ? new QualityMonitor({
          db: database.db,
          modelName: env.MODEL_NAME,
          modelRegistry: api.registry,
          writesRollups: true,
        })
      : undefined;
  const app = createApp({
    env,
    db: database.db,
    metrics,
    api,
    metricsRegistry,
    ...(qualityMonitor && { qualityMonitor }),
  });
  qualityMonitor?.start(env.MONITOR_INTERVAL_MS);
  const retention =
    env.ROLE === 'all' && env.TEXT_RETENTION_DAYS !== undefined
      ? scheduleRetention({ db: database.db, days: env.TEXT_RETENTION_DAYS })
      : undefined;
  const maintenance =
    env.ROLE === 'all'
      ? scheduleStorageMaintenance({
          db: database.db,
          retentionDays: env.PREDICTION_RETENTION_DAYS,
        })
      : undefined;
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    console.log(
      `polarity: listening on http://localhost:${info.port} (database: ${database.kind})`,
    );
    // Loaded once listening, so a port clash is reported alone; /readyz says ready once it is.
    void api.models.start();
  });
  // Longer than clients and proxies keep idle connections (Node's default is 5 s), so the server
  // is never the side that closes an idle keep-alive connection just as a request is sent on it.
  if ('keepAliveTimeout' in server) {
    server.keepAliveTimeout = keepAliveTimeoutMs;
    server.headersTimeout = keepAliveTimeoutMs + 1_000;
  }
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') failStartup(`PORT: ${env.PORT} is already in use`);
    if (error.code === 'EACCES') failStartup(`PORT: no permission to listen on ${env.PORT}`);
    failStartup(`server: ${error.message}`);
  });

  // In-flight requests finish, then the buffered prediction log is written, then the pool closes.
  stopOnSignal('api', async () => {
    api.models.stop();
    retention?.stop();
    maintenance?.stop();
    qualityMonitor?.stop();
    await closeServer(server);
    const unwritten = await api.predictionWriter.drain(shutdownDrainMs);
    if (unwritten > 0) {
      console.error(`polarity: ${unwritten} server predictions could not be logged before exit`);
    }
    await database.close().catch(() => undefined);
  });
}
