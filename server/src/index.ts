import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { openDatabase } from './db/client.ts';
import { applyMigrations } from './db/migrations.ts';
import { ConfigError, loadEnv } from './env.ts';

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

async function main() {
  const env = loadEnv();
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    await applyMigrations(database, env.DATABASE_URL);
  } catch (error) {
    const where = env.DATABASE_URL ? 'DATABASE_URL' : 'DATA_DIR';
    fail(`${where}: cannot apply migrations (${reason(error)})`);
  }

  const app = createApp({ env, db: database.db });
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    console.log(
      `polarity: listening on http://localhost:${info.port} (database: ${database.kind})`,
    );
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') fail(`PORT: ${env.PORT} is already in use`);
    if (error.code === 'EACCES') fail(`PORT: no permission to listen on ${env.PORT}`);
    fail(`server: ${error.message}`);
  });

  const shutdown = () => {
    server.close(() => {
      database.close().finally(() => process.exit(0));
    });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) fail(error.message);
  const message = error instanceof Error ? error.message : String(error);
  fail(message);
});
