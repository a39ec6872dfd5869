import { readFileSync } from 'node:fs';
import type postgres from 'postgres';

/** `/proc/<pid>/stat` counts CPU time in clock ticks, 100 a second on Linux. */
const ticksPerSecond = 100;

/**
 * CPU seconds spent so far by the client backends connected to `client`'s database, from
 * `/proc/<pid>/stat`; `undefined` where Postgres runs elsewhere (its processes are not visible
 * here). A figure per row of Postgres' own work, which on a shared machine moves far less than
 * rows/s. Backends that exit between two readings take their time with them, so read it around
 * work done by pools that stay connected.
 */
export async function postgresCpuSeconds(client: postgres.Sql): Promise<number | undefined> {
  // Every client's backend, the one asking included (which of a pool's connections asks can
  // change); not autovacuum's, whose passes land in whichever run they happen to overlap.
  const backends = await client<{ pid: number }[]>`
    select pid from pg_stat_activity
     where datname = current_database() and backend_type = 'client backend'`;
  let ticks = 0;
  for (const { pid } of backends) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return undefined;
    }
    // A pid of a Postgres on another machine may name some other process here.
    if (!stat.includes(' (postgres) ')) return undefined;
    // utime and stime, the 14th and 15th fields; the 2nd (the command) may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / ticksPerSecond;
}
