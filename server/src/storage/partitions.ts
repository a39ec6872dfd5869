import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';

/**
 * `predictions` is partitioned by UTC day of `created_at` (migration 0004): one table per day,
 * `predictions_pYYYYMMDD`, plus `predictions_default` for any row whose day has no table yet,
 * so no row is ever refused for want of a partition.
 */
const table = 'predictions';
const defaultPartition = `${table}_default`;
const dayPartition = /^predictions_p(\d{4})(\d{2})(\d{2})$/;

export const dayMs = 86_400_000;

/**
 * How long DDL waits for the table's lock before giving up until the next run: attaching takes a
 * lock on the default partition and dropping one on the parent, which queue behind a long
 * monitor query; waiting longer would stall every insert queued behind the DDL.
 */
const lockTimeoutMs = 2_000;

/** The UTC midnight starting the day that holds `time`. */
function dayStart(time: Date): Date {
  return new Date(Math.floor(time.getTime() / dayMs) * dayMs);
}

export function partitionName(day: Date): string {
  return `${table}_p${day.toISOString().slice(0, 10).replaceAll('-', '')}`;
}

/** Day partitions present, oldest first. */
export async function dayPartitions(db: Database): Promise<{ name: string; day: Date }[]> {
  const rows = rowsOf<{ name: string }>(
    await db.execute(sql`
      select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = ${table}::regclass order by c.relname`),
  );
  return rows.flatMap(({ name }) => {
    const match = dayPartition.exec(name);
    return match ? [{ name, day: new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`) }] : [];
  });
}

/**
 * Creates the partition of `day` unless it exists. Rows of that day already in the default
 * partition (the monitor was down, or a client sent an old event) move into it in the same
 * transaction, because Postgres refuses a new partition while the default holds its rows.
 */
async function createDayPartition(db: Database, day: Date): Promise<boolean> {
  const name = partitionName(day);
  const from = day.toISOString();
  const to = new Date(day.getTime() + dayMs).toISOString();
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local lock_timeout = ${lockTimeoutMs}`));
    const [exists] = rowsOf<{ found: boolean }>(
      await tx.execute(sql`select to_regclass(${name}) is not null as found`),
    );
    if (exists?.found) return false;
    await tx.execute(
      sql.raw(`create table "${name}" (like "${table}" including defaults including constraints)`),
    );
    await tx.execute(
      sql.raw(`with moved as (
          delete from "${defaultPartition}"
          where created_at >= '${from}' and created_at < '${to}' returning *)
        insert into "${name}" select * from moved`),
    );
    await tx.execute(
      sql.raw(`alter table "${table}" attach partition "${name}"
        for values from ('${from}') to ('${to}')`),
    );
    return true;
  });
}

/** Makes sure every day from yesterday to `daysAhead` days after `now` has its partition. */
export async function createPartitionsAhead(
  db: Database,
  daysAhead: number,
  now = new Date(),
): Promise<string[]> {
  const today = dayStart(now).getTime();
  const created: string[] = [];
  for (let offset = -1; offset <= daysAhead; offset++) {
    const day = new Date(today + offset * dayMs);
    if (await createDayPartition(db, day)) created.push(partitionName(day));
  }
  return created;
}

export interface Expired {
  /** day partitions dropped */
  dropped: string[];
  /** rows deleted from the default partition */
  defaultRows: number;
}

/**
 * Drops every day partition wholly older than `retentionDays` before `now`, and deletes the
 * rows that old from the default partition (few: days the monitor had not created yet).
 */
export async function dropExpiredPartitions(
  db: Database,
  retentionDays: number,
  now = new Date(),
): Promise<Expired> {
  const cutoff = new Date(now.getTime() - retentionDays * dayMs);
  const dropped: string[] = [];
  for (const { name, day } of await dayPartitions(db)) {
    if (day.getTime() + dayMs > cutoff.getTime()) continue;
    await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local lock_timeout = ${lockTimeoutMs}`));
      await tx.execute(sql.raw(`drop table if exists "${name}"`));
    });
    dropped.push(name);
  }
  const deleted = rowsOf<{ count: number }>(
    await db.execute(sql`
      with gone as (
        delete from ${sql.identifier(defaultPartition)}
        where created_at < ${cutoff.toISOString()}::timestamptz returning 1)
      select count(*)::int as count from gone`),
  );
  return { dropped, defaultRows: deleted[0]?.count ?? 0 };
}
