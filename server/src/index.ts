import { openDatabase } from './db/client.ts';
import { survivePostgresWriteRace } from './db/postgres-write-race.ts';
import { loadEnv } from './env.ts';
import { runApiRole } from './roles/api.ts';
import { runMonitorRole } from './roles/monitor.ts';
import { failStartup } from './startup-failure.ts';

/** The one entry point: ROLE picks the API (api, or all with the monitor in-process) or the monitor. */
async function main() {
  const env = loadEnv();
  const database = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    // The monitor runs one query at a time, and the retention job beside it.
    ...(env.ROLE === 'monitor' && { poolSize: 2 }),
  });
  // The monitor reads, and writes only its own rollups; the API applies the migrations.
  if (env.ROLE === 'monitor') return runMonitorRole(env, database);
  return runApiRole(env, database);
}

survivePostgresWriteRace();
main().catch((error: unknown) =>
  failStartup(error instanceof Error ? error.message : String(error)),
);
