import type { Database } from '../db/client.ts';
import type { ServiceMetrics } from '../metrics/service-metrics.ts';
import { isRowRefused } from './database-errors.ts';
import { storeDeadLetters } from './dead-letters.ts';
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
 * written in multi-row inserts every few ms. A write that fails because the database is away
 * keeps its rows and is retried with backoff; `on conflict do nothing` makes a retry of a write
 * that did commit harmless. A row the database refuses goes to dead_letters, alone.
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
  /** when the first of the current run of failed writes happened */
  let failingSince: number | undefined;
  let inFlightRows = 0;

  function schedule(delayMs: number) {
    if (timer || writing) return;
    timer = setTimeout(() => {
      timer = undefined;
      void writeNext();
    }, delayMs);
  }

  function logFailure(rows: number, error: unknown) {
    failures++;
    failingSince ??= Date.now();
    metrics.dbQueryErrors.inc({ operation: 'log_predictions' });
    if (failures === 1 || failures % 20 === 0) {
      console.error(
        `polarity: cannot log ${rows} server predictions (attempt ${failures}), retrying:`,
        (error as Error).message,
      );
    }
  }

  /**
   * Writes the rows; returns those still unwritten (to retry). A row the database refuses is
   * tracked down by halving and set aside in dead_letters, so it can never hold up the queue.
   */
  async function writeRows(rows: PredictionRow[]): Promise<PredictionRow[]> {
    try {
      const inserted = await eventQueries(db).insertPredictions(rows, 'server');
      countStored(rows.filter((row) => inserted.has(row.id)));
      return [];
    } catch (error) {
      if (!isRowRefused(error)) {
        logFailure(buffer.length + rows.length, error);
        return rows;
      }
      if (rows.length > 1) {
        const half = Math.ceil(rows.length / 2);
        const left = await writeRows(rows.slice(0, half));
        return left.concat(await writeRows(rows.slice(half)));
      }
      try {
        await storeDeadLetters(db, metrics, 'prediction_log', [
          { eventId: rows[0]?.id ?? 'unknown', payload: rows[0], error },
        ]);
        return [];
      } catch (deadLetterError) {
        logFailure(buffer.length + rows.length, deadLetterError);
        return rows;
      }
    }
  }

  function countStored(rows: PredictionRow[]) {
    for (const row of rows) {
      metrics.predictions.inc({
        model_version: row.modelVersion,
        label: row.label,
        runtime: row.runtime,
      });
      if (row.caveat) {
        metrics.caveatedPredictions.inc({ model_version: row.modelVersion, code: row.caveat });
      }
    }
  }

  function writeNext(): Promise<void> {
    if (writing || buffer.length === 0) return writing ?? Promise.resolve();
    const batch = buffer.slice(0, maxBatchRows);
    buffer = buffer.slice(batch.length);
    inFlightRows = batch.length;
    writing = writeRows(batch).then((unwritten) => {
      writing = undefined;
      inFlightRows = 0;
      if (unwritten.length > 0) {
        buffer = unwritten.concat(buffer);
        schedule(retryDelaysMs[Math.min(failures, retryDelaysMs.length) - 1] ?? flushIntervalMs);
        return;
      }
      failures = 0;
      failingSince = undefined;
      if (buffer.length >= maxBatchRows) {
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
    /**
     * Whether the log is keeping up: `stalledMs` is how long writes have been failing (0 while
     * they succeed), `fill` the share of the buffer in use. Readiness turns on these.
     */
    health(): { pending: number; stalledMs: number; fill: number } {
      const pending = buffer.length + inFlightRows;
      return {
        pending,
        stalledMs: failingSince === undefined ? 0 : Date.now() - failingSince,
        fill: pending / maxBufferedRows,
      };
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
