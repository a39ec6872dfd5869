import { openDatabase } from './db/client.ts';
import { ConfigError, loadEnv } from './env.ts';
import { runMonitorRole } from './monitor/monitor-role.ts';

/** `npm run monitor -w server`: the monitor role alone, whatever ROLE says. */
async function main() {
  const env = { ...loadEnv(), ROLE: 'monitor' as const };
  const database = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    poolSize: 2,
  });
  runMonitorRole(env, database);
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  console.error(`polarity: ${message}`);
  process.exit(1);
});
