import type { Database } from '../db/client.ts';
import type { ServiceMetrics } from '../metrics/service-metrics.ts';
import type { PredictionRow } from './event-rows.ts';
import { eventQueries } from './event-store.ts';

export interface PredictionWriterOptions {
  db: Database;
  metrics: ServiceMetrics;
  /** How long a row may wait for companions before it is written, ms. */
  flushIntervalMs?: number;
  /** Rows per insert; a full batch is written at once. */
  maxBatchRows?: number;
  /**
   * Rows held while the database is down (about 1 KiB each plus the text). When full, `add`
   * refuses and /api/predict answers 503: a prediction the log cannot keep is not served.
   */
  maxBufferedRows?: number;
}

const retryDelaysMs = [50, 100, 250, 500, 1000, 2000, 5000];

/**
 * Write-behind log of server-side predictions: requests append and return at once; rows are
 * written in multi-row inserts every few ms. A failed write keeps its rows and is retried
 * with backoff; `on conflict do nothing` makes a retry of a write that did commit harmless.
 */
export function createPredictionWriter(options: PredictionWriterOptions) {
  const { db, metrics } = options;
  const flushIntervalMs = options.flushIntervalMs ?? 5;
  const maxBatchRows = options.maxBatchRows ?? 500;
  const maxBufferedRows = options.maxBufferedRows ?? 50_000;
  let buffer: PredictionRow[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> | undefined;
  let failures = 0;
  let inFlightRows = 0;

  function schedule(delayMs: number) {
    if (timer || writing) return;
    timer = setTimeout(() => {
      timer = undefined;
      void writeNext();
    }, delayMs);
  }

  async function writeBatch(batch: PredictionRow[]): Promise<boolean> {
    try {
      await eventQueries(db).insertPredictions(batch);
    } catch (error) {
      failures++;
      metrics.dbQueryErrors.inc({ operation: 'log_predictions' });
      if (failures === 1 || failures % 20 === 0) {
        console.error(
          `polarity: cannot log ${buffer.length + batch.length} server predictions (attempt ${failures}), retrying:`,
          (error as Error).message,
        );
      }
      return false;
    }
    failures = 0;
    for (const row of batch) {
      metrics.predictions.inc({
        model_version: row.modelVersion,
        label: row.label,
        runtime: row.runtime,
      });
    }
    return true;
  }

  function writeNext(): Promise<void> {
    if (writing || buffer.length === 0) return writing ?? Promise.resolve();
    const batch = buffer.slice(0, maxBatchRows);
    buffer = buffer.slice(batch.length);
    inFlightRows = batch.length;
    writing = writeBatch(batch).then((ok) => {
      writing = undefined;
      inFlightRows = 0;
      if (!ok) {
        buffer = batch.concat(buffer);
        schedule(retryDelaysMs[Math.min(failures, retryDelaysMs.length) - 1] ?? flushIntervalMs);
      } else if (buffer.length >= maxBatchRows) {
        void writeNext();
      } else if (buffer.length > 0) {
        schedule(flushIntervalMs);
      }
    });
    return writing;
  }

  return {
    /** Queues rows; false (nothing queued) when the buffer is full. */
    add(rows: PredictionRow[]): boolean {
      if (buffer.length + rows.length > maxBufferedRows) return false;
      buffer.push(...rows);
      if (buffer.length >= maxBatchRows && !writing) {
        clearTimeout(timer);
        timer = undefined;
        void writeNext();
      } else {
        schedule(flushIntervalMs);
      }
      return true;
    },
    /** Rows not yet in the database. */
    pending(): number {
      return buffer.length + inFlightRows;
    },
    /** Writes everything queued; gives up after `timeoutMs`, returning the rows still unwritten. */
    async drain(timeoutMs: number): Promise<number> {
      const deadline = Date.now() + timeoutMs;
      clearTimeout(timer);
      timer = undefined;
      while ((buffer.length > 0 || writing) && Date.now() < deadline) {
        await (writing ?? writeNext());
        clearTimeout(timer);
        timer = undefined;
        if (failures > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return buffer.length;
    },
  };
}

export type PredictionWriter = ReturnType<typeof createPredictionWriter>;
