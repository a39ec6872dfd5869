import { serve } from '@hono/node-server';
import { createApiServices } from './api-services.ts';
import { createApp } from './app.ts';
import { openDatabase } from './db/client.ts';
import { applyMigrations } from './db/migrations.ts';
import { ConfigError, loadEnv } from './env.ts';
import { createServiceMetrics } from './metrics/service-metrics.ts';
import { runMonitorRole } from './monitor/monitor-role.ts';
import { QualityMonitor } from './monitor/quality-monitor.ts';
import { scheduleRetention } from './privacy/retention.ts';

/** Reports a bad setting in one line (no stack trace) and exits. */
function fail(message: string): never {
  console.error(`polarity: ${message.replace(/\s+/g, ' ').trim()}`);
  process.exit(1);
}

/** drizzle wraps driver errors in "Failed query: …"; the driver's own reason is the useful part. */
function reason(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const root = cause instanceof Error ? cause : error;
  const code = (root as NodeJS.ErrnoException).code;
  const message = root instanceof Error ? root.message : String(root);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

/** Idle keep-alive connections are closed after this long, ms. */
const keepAliveTimeoutMs = 65_000;

/** How long shutdown keeps retrying the prediction log while the database is down, ms. */
const shutdownDrainMs = 10_000;

async function main() {
  const env = loadEnv();
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  // The monitor only reads; the API applies the migrations.
  if (env.ROLE === 'monitor') return runMonitorRole(env, database);
  try {
    await applyMigrations(database, env.DATABASE_URL);
  } catch (error) {
    const where = env.DATABASE_URL ? 'DATABASE_URL' : 'DATA_DIR';
    fail(`${where}: cannot apply migrations (${reason(error)})`);
  }

  const { metrics, registry: metricsRegistry } = createServiceMetrics();
  const api = createApiServices({ env, db: database.db, metrics });
  // ROLE=all computes model quality in-process; ROLE=api leaves it to the monitor role.
  const qualityMonitor =
    env.ROLE === 'all'
      ? new QualityMonitor({
          db: database.db,
          modelName: env.MODEL_NAME,
          modelRegistry: api.registry,
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
  // ROLE=all is the one process of a small deployment, so it also runs the retention job.
  const retention =
    env.ROLE === 'all' && env.TEXT_RETENTION_DAYS !== undefined
      ? scheduleRetention({ db: database.db, days: env.TEXT_RETENTION_DAYS })
      : undefined;
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    console.log(
      `polarity: listening on http://localhost:${info.port} (database: ${database.kind})`,
    );
    // Loaded once listening, so a port clash is reported alone; /api/predict answers 503 until then.
    void api.models.start();
  });
  // Longer than clients and proxies keep idle connections (Node's default is 5 s), so the server
  // is never the side that closes an idle keep-alive connection just as a request is sent on it.
  if ('keepAliveTimeout' in server) {
    server.keepAliveTimeout = keepAliveTimeoutMs;
    server.headersTimeout = keepAliveTimeoutMs + 1_000;
  }
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') fail(`PORT: ${env.PORT} is already in use`);
    if (error.code === 'EACCES') fail(`PORT: no permission to listen on ${env.PORT}`);
    fail(`server: ${error.message}`);
  });

  // In-flight requests finish, then the buffered prediction log is written, then the pool closes.
  const shutdown = () => {
    api.models.stop();
    retention?.stop();
    qualityMonitor?.stop();
    server.close(async () => {
      const unwritten = await api.predictionWriter.drain(shutdownDrainMs);
      if (unwritten > 0)
        console.error(`polarity: ${unwritten} server predictions could not be logged before exit`);
      await database.close().catch(() => undefined);
      process.exit(0);
    });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

/**
 * postgres.js 3.4 can throw from a write it scheduled on a socket that closed in between (the
 * database went away mid-request). That connection and its query have already failed and been
 * answered with 503; the process must not die with it. Anything else still crashes.
 */
process.on('uncaughtException', (error) => {
  if (error instanceof TypeError && error.stack?.includes('/postgres/src/connection.js')) {
    console.error(`polarity: database connection lost mid-write (${error.message})`);
    return;
  }
  console.error(error);
  process.exit(1);
});

main().catch((error: unknown) => {
  if (error instanceof ConfigError) fail(error.message);
  const message = error instanceof Error ? error.message : String(error);
  fail(message);
});
