import type { Database } from '../db/client.ts';
import { type PeriodicJob, schedulePeriodicJob } from '../scheduling/periodic-job.ts';
import { adoptAwaitingFeedback, deleteExpiredAwaitingFeedback } from './awaiting-feedback.ts';
import { createPartitionsAhead, dropExpiredPartitions } from './partitions.ts';

/**
 * Days of partitions made ahead of today: events may be stamped up to a day ahead (clock skew,
 * see EventTime), and three leave two missed days of maintenance before rows reach the default.
 */
export const partitionDaysAhead = 3;

/** How often maintenance runs, ms: new days exist days before they start. */
const maintenanceIntervalMs = 3_600_000;

/**
 * A sweep looks again at verdicts received this long before the previous one started: a row's
 * received_at is its transaction's start, and a transaction open during that sweep committed
 * after it (the quality monitor's watermark overlap, for the same reason).
 */
const sweepOverlapMs = 60_000;

export interface MaintenanceReport {
  created: string[];
  dropped: string[];
  /** rows past retention deleted from the default partitions */
  defaultRows: number;
  /** verdicts past retention deleted whose prediction never arrived */
  awaitingRows: number;
  /** awaiting verdicts moved to their prediction's day */
  adopted: number;
  /** when the sweep for them ran, by the database's clock */
  sweptAt: Date;
}

/**
 * One pass: the days ahead get their partitions; days past retention go, whole, predictions and
 * their feedback together; verdicts whose prediction arrived meanwhile join its day.
 * `adoptSince`: see `adoptAwaitingFeedback`.
 */
export async function maintainStorage(
  db: Database,
  retentionDays: number,
  now = new Date(),
  adoptSince?: Date,
): Promise<MaintenanceReport> {
  const created = await createPartitionsAhead(db, partitionDaysAhead, now);
  const { dropped, defaultRows } = await dropExpiredPartitions(db, retentionDays, now);
  const awaitingRows = await deleteExpiredAwaitingFeedback(db, retentionDays, now);
  const { adopted, sweptAt } = await adoptAwaitingFeedback(db, adoptSince);
  return { created, dropped, defaultRows, awaitingRows, adopted, sweptAt };
}

export type MaintenanceJob = PeriodicJob<MaintenanceReport>;

/**
 * Runs `maintainStorage` at start and every `intervalMs` in the one monitor process (or
 * ROLE=all). A failed run (database down, a lock not granted in time) is logged and retried at
 * the next tick; until then rows of a missing day wait, safely, in the default partition. The
 * first run sweeps every awaiting verdict; later ones those received since the last good run.
 */
export function scheduleStorageMaintenance(options: {
  db: Database;
  retentionDays: number;
  intervalMs?: number;
  log?: (line: string) => void;
}): MaintenanceJob {
  const log = options.log ?? ((line) => console.log(line));
  let sweptSince: Date | undefined;
  return schedulePeriodicJob(
    'storage maintenance',
    options.intervalMs ?? maintenanceIntervalMs,
    async () => {
      const report = await maintainStorage(
        options.db,
        options.retentionDays,
        new Date(),
        sweptSince,
      );
      sweptSince = new Date(report.sweptAt.getTime() - sweepOverlapMs);
      if (report.created.length > 0) log(`polarity: created ${report.created.join(', ')}`);
      if (report.dropped.length + report.defaultRows + report.awaitingRows > 0) {
        log(
          `polarity: past ${options.retentionDays} days of retention, dropped ${report.dropped.join(', ') || 'no partition'}, deleted ${report.defaultRows} default-partition rows and ${report.awaitingRows} feedback rows whose prediction never arrived`,
        );
      }
      if (report.adopted > 0) {
        log(`polarity: ${report.adopted} feedback rows joined the day of their prediction`);
      }
      return report;
    },
  );
}
