import { execFile } from 'node:child_process';
import { chownSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { freePort } from '../../support/free-port.ts';

const run = promisify(execFile);
const binDir = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

/** Commands run as the `postgres` user when we are root (Postgres refuses to run as root). */
function asPostgres(command: string, args: string[]) {
  if (userInfo().uid !== 0) return run(join(binDir, command), args);
  return run('runuser', ['-u', 'postgres', '--', join(binDir, command), ...args]);
}

export interface TestCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  /** Stops the server at once (clients see their connections drop), keeping the data. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and deletes its files; safe to call twice and after a failed start. */
  destroy(): Promise<void>;
}

/**
 * A Postgres cluster owned by one test, on a free port: the test may stop and restart it
 * without touching the machine's main server on 5432.
 */
export async function createTestCluster(): Promise<TestCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'polarity-pg-'));
  const dataDir = join(dir, 'data');
  if (userInfo().uid === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout), Number(gid));
  }
  const port = await freePort();
  let running = false;
  await asPostgres('initdb', [
    '-D',
    dataDir,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
  ]);

  const cluster: TestCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      await asPostgres('pg_ctl', [
        '-D',
        dataDir,
        '-l',
        join(dir, 'log'),
        '-w',
        '-t',
        '30',
        '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`,
        'start',
      ]);
      running = true;
    },
    async stop() {
      if (!running) return;
      await asPostgres('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      running = false;
    },
    async destroy() {
      await cluster.stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    await cluster.start();
  } catch (error) {
    await cluster.destroy();
    throw error;
  }
  return cluster;
}

/** Waits until the cluster accepts queries again after `start()`. */
export async function waitForPostgres(url: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await client`select 1`;
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`Postgres at ${url} did not come back`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await client.end({ timeout: 1 });
    }
  }
}
