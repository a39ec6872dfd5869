import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';

/** A table partitioned by UTC day on `key`: `<name>_pYYYYMMDD` per day, plus `<name>_default`. */
export interface DayPartitionedTable {
  name: 'predictions' | 'feedback';
  key: 'created_at' | 'prediction_created_at';
}

/** Partitioned on the event's own time (migration 0004). */
const predictionsTable: DayPartitionedTable = { name: 'predictions', key: 'created_at' };

/**
 * Partitioned on the time of the prediction judged (migration 0006), so its days are those of
 * predictions: made and dropped with them. `feedback_awaiting` is no day: see
 * awaiting-feedback.ts.
 */
export const feedbackTable: DayPartitionedTable = {
  name: 'feedback',
  key: 'prediction_created_at',
};

/** Predictions first: a day's feedback partition never exists without its predictions'. */
const dayPartitioned = [predictionsTable, feedbackTable];

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

export function partitionName(day: Date, table = predictionsTable): string {
  return `${table.name}_p${day.toISOString().slice(0, 10).replaceAll('-', '')}`;
}

/** Day partitions of `table` present, oldest first. */
export async function dayPartitions(
  db: Database,
  table = predictionsTable,
): Promise<{ name: string; day: Date }[]> {
  const rows = rowsOf<{ name: string }>(
    await db.execute(sql`
      select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = ${table.name}::regclass order by c.relname`),
  );
  const dayPartition = new RegExp(`^${table.name}_p(\\d{4})(\\d{2})(\\d{2})$`);
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
async function createDayPartition(
  db: Database,
  table: DayPartitionedTable,
  day: Date,
): Promise<boolean> {
  const name = partitionName(day, table);
  const from = day.toISOString();
  const to = new Date(day.getTime() + dayMs).toISOString();
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local lock_timeout = ${lockTimeoutMs}`));
    const [exists] = rowsOf<{ found: boolean }>(
      await tx.execute(sql`select to_regclass(${name}) is not null as found`),
    );
    if (exists?.found) return false;
    await tx.execute(
      sql.raw(
        `create table "${name}" (like "${table.name}" including defaults including constraints)`,
      ),
    );
    await tx.execute(
      sql.raw(`with moved as (
          delete from "${table.name}_default"
          where ${table.key} >= '${from}' and ${table.key} < '${to}' returning *)
        insert into "${name}" select * from moved`),
    );
    await tx.execute(
      sql.raw(`alter table "${table.name}" attach partition "${name}"
        for values from ('${from}') to ('${to}')`),
    );
    return true;
  });
}

/**
 * Makes sure every day from yesterday to `daysAhead` days after `now` has its partition, in
 * predictions and in feedback.
 */
export async function createPartitionsAhead(
  db: Database,
  daysAhead: number,
  now = new Date(),
): Promise<string[]> {
  const today = dayStart(now).getTime();
  const created: string[] = [];
  for (let offset = -1; offset <= daysAhead; offset++) {
    const day = new Date(today + offset * dayMs);
    for (const table of dayPartitioned) {
      if (await createDayPartition(db, table, day)) created.push(partitionName(day, table));
    }
  }
  return created;
}

export interface Expired {
  /** day partitions dropped, of both tables */
  dropped: string[];
  /** rows deleted from the default partitions of both tables */
  defaultRows: number;
}

/**
 * Drops every day partition wholly older than `retentionDays` before `now`, a day's feedback
 * with its predictions, and deletes the rows that old from the default partitions (few: days
 * the monitor had not created yet).
 */
export async function dropExpiredPartitions(
  db: Database,
  retentionDays: number,
  now = new Date(),
): Promise<Expired> {
  const cutoff = new Date(now.getTime() - retentionDays * dayMs);
  const expired: Expired = { dropped: [], defaultRows: 0 };
  for (const table of [...dayPartitioned].reverse()) {
    for (const { name, day } of await dayPartitions(db, table)) {
      if (day.getTime() + dayMs > cutoff.getTime()) continue;
      await db.transaction(async (tx) => {
        await tx.execute(sql.raw(`set local lock_timeout = ${lockTimeoutMs}`));
        await tx.execute(sql.raw(`drop table if exists "${name}"`));
      });
      expired.dropped.push(name);
    }
    const deleted = rowsOf<{ count: number }>(
      await db.execute(sql`
        with gone as (
          delete from ${sql.identifier(`${table.name}_default`)}
          where ${sql.identifier(table.key)} < ${cutoff.toISOString()}::timestamptz returning 1)
        select count(*)::int as count from gone`),
    );
    expired.defaultRows += deleted[0]?.count ?? 0;
  }
  return expired;
}
