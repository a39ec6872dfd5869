import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { ConfigError } from '../env.ts';
import * as schema from './schema.ts';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** connections in the postgres.js pool */
  poolSize?: number;
}

/**
 * The embedded database's buffer cache. PGlite's default (160 MB, in WebAssembly memory that
 * never shrinks) was the largest part of the server's RSS; its files are read through the OS
 * page cache anyway, and the embedded mode is the one-machine set-up whose tables stay small.
 */
const pgliteSharedBuffers = '8MB';

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      connect_timeout: 10,
    });
    return {
      db: drizzlePostgres(client, { schema }) as unknown as Database,
      kind: 'postgres',
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dir = join(options.dataDir, 'pglite');
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new ConfigError(`DATA_DIR: cannot create ${dir} (${(error as Error).message})`);
  }
  const client = await PGlite.create(dir, {
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${pgliteSharedBuffers}`],
  }).catch((error: Error) => {
    throw new ConfigError(
      `DATA_DIR: cannot open the embedded database in ${dir} (${error.message})`,
    );
  });
  return {
    db: drizzlePglite(client, { schema }) as unknown as Database,
    kind: 'pglite',
    close: () => client.close(),
  };
}
