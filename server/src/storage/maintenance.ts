import type { Database } from '../db/client.ts';
import { type PeriodicJob, schedulePeriodicJob } from '../scheduling/periodic-job.ts';
import { deleteExpiredFeedback } from './feedback-retention.ts';
import { createPartitionsAhead, dropExpiredPartitions } from './partitions.ts';

/**
 * Days of partitions made ahead of today: events may be stamped up to a day ahead (clock skew,
 * see EventTime), and three leave two missed days of maintenance before rows reach the default.
 */
export const partitionDaysAhead = 3;

/** How often maintenance runs, ms: new days exist days before they start. */
const maintenanceIntervalMs = 3_600_000;

export interface MaintenanceReport {
  created: string[];
  dropped: string[];
  defaultRows: number;
  feedbackRows: number;
}

/** One pass: the days ahead get their partitions; days past retention go, whole. */
export async function maintainStorage(
  db: Database,
  retentionDays: number,
  now = new Date(),
): Promise<MaintenanceReport> {
  const created = await createPartitionsAhead(db, partitionDaysAhead, now);
  const { dropped, defaultRows } = await dropExpiredPartitions(db, retentionDays, now);
  const feedbackRows = await deleteExpiredFeedback(db, retentionDays, now);
  return { created, dropped, defaultRows, feedbackRows };
}

export type MaintenanceJob = PeriodicJob<MaintenanceReport>;

/**
 * Runs `maintainStorage` at start and every `intervalMs` in the one monitor process (or
 * ROLE=all). A failed run (database down, a lock not granted in time) is logged and retried at
 * the next tick; until then rows of a missing day wait, safely, in the default partition.
 */
export function scheduleStorageMaintenance(options: {
  db: Database;
  retentionDays: number;
  intervalMs?: number;
  log?: (line: string) => void;
}): MaintenanceJob {
  const log = options.log ?? ((line) => console.log(line));
  return schedulePeriodicJob(
    'storage maintenance',
    options.intervalMs ?? maintenanceIntervalMs,
    () =>
      maintainStorage(options.db, options.retentionDays).then((report) => {
        if (report.created.length > 0) log(`polarity: created ${report.created.join(', ')}`);
        if (report.dropped.length + report.defaultRows + report.feedbackRows > 0) {
          log(
            `polarity: past ${options.retentionDays} days of retention, dropped ${report.dropped.join(', ') || 'no partition'}, deleted ${report.defaultRows} default-partition predictions and ${report.feedbackRows} feedback rows`,
          );
        }
        return report;
      }),
  );
}
