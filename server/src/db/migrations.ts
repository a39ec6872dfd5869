import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { repoRoot } from '../env.ts';
import type { Database, DatabaseHandle } from './client.ts';
import { rowsOf } from './rows.ts';

/** From the repository root, so the compiled server (server/dist/index.js) finds it too. */
const migrationsFolder = join(repoRoot, 'server', 'drizzle');

let committed: number | undefined;
/** How many migrations are committed in drizzle/, from its journal, read on first use. */
export function expectedMigrations(): number {
  committed ??= (
    JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
      entries: unknown[];
    }
  ).entries.length;
  return committed;
}

/**
 * Applies the committed drizzle-kit migrations. On Postgres they run over a connection of
 * their own, so a long migration never holds a pool slot the app needs.
 */
export async function applyMigrations(
  handle: DatabaseHandle,
  databaseUrl: string | undefined,
): Promise<void> {
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  const connection = postgres(databaseUrl!, { max: 1, onnotice: () => {} });
  try {
    await migratePostgres(drizzle(connection) as PostgresJsDatabase, { migrationsFolder });
  } finally {
    await connection.end({ timeout: 5 });
  }
}

/** Ready = the database answers and every committed migration has been applied. */
export async function migrationsApplied(db: Database): Promise<boolean> {
  const rows = await db.execute<{ count: number }>(
    sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
  );
  const [row] = rowsOf<{ count: number }>(rows);
  return (row?.count ?? 0) >= expectedMigrations();
}
