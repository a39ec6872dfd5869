import type { Database } from '../src/db/client.ts';
import { loadEnv } from '../src/env.ts';
import { createPartitionsAhead, dayMs } from '../src/storage/partitions.ts';

/**
 * Creates a day partition for every day of the default retention, as a steady state holds
 * them, so every id look-up of an insert sees them all; returns the number of days.
 */
export async function createRetentionPartitions(db: Database): Promise<number> {
  const retentionDays = loadEnv({}).PREDICTION_RETENTION_DAYS;
  for (let day = retentionDays; day > 0; day -= 2) {
    await createPartitionsAhead(db, 0, new Date(Date.now() - day * dayMs));
  }
  return retentionDays;
}
