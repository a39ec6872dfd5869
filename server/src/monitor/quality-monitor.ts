import type { ModelRegistry } from '@polarity/core/registry';
import type { Registry } from 'prom-client';
import type { Database } from '../db/client.ts';
import { createQualityMetrics, type QualityMetrics } from '../metrics/quality-metrics.ts';
import { type AliasedVersion, readAliases } from './model-aliases.ts';
import { publishGauges } from './publish-gauges.ts';
import { QualityTracker } from './quality-tracker.ts';
import { qualityWindows } from './windows.ts';

export interface QualityMonitorOptions {
  db: Database;
  /** Source of the champion/challenger aliases; absent → no alias information. */
  modelRegistry?: ModelRegistry | undefined;
  modelName: string;
  log?: (message: string) => void;
  /** The scheduled monitor stores its per-minute rollups for the next one to start from. */
  writesRollups?: boolean;
  /** See QualityTrackerOptions. */
  rowsPerCycle?: number;
}

/** Pause between cycles while the tracker catches up, ms: each cycle is bounded already. */
const catchUpIntervalMs = 1_000;

/** One quality cycle = refresh the tracker, read the aliases, publish the gauges. */
export class QualityMonitor {
  readonly tracker: QualityTracker;
  /** The quality gauges, to be served on /metrics by the one process that schedules cycles. */
  readonly registry: Registry;
  readonly metrics: QualityMetrics;
  #aliases: AliasedVersion[] | undefined;
  #lastSuccessMs = 0;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(private readonly options: QualityMonitorOptions) {
    this.tracker = new QualityTracker(options.db, {
      writesRollups: options.writesRollups ?? false,
      ...(options.rowsPerCycle && { rowsPerCycle: options.rowsPerCycle }),
    });
    ({ registry: this.registry, metrics: this.metrics } = createQualityMetrics());
  }

  /** Aliases as last read from the registry (kept while the registry is unreachable). */
  get aliases(): AliasedVersion[] {
    return this.#aliases ?? [];
  }

  /** Runs a cycle; a failure is counted and logged, and the last good figures stay published. */
  async runCycle(): Promise<boolean> {
    const { metrics } = this;
    const { modelRegistry, modelName } = this.options;
    const started = performance.now();
    try {
      await this.tracker.refresh();
    } catch (error) {
      metrics.cycleFailures.inc({ stage: 'database' });
      this.#log(`quality cycle failed: database: ${(error as Error).message}`);
      return false;
    }
    if (modelRegistry) {
      try {
        this.#aliases = await readAliases(modelRegistry, modelName);
      } catch (error) {
        metrics.cycleFailures.inc({ stage: 'registry' });
        this.#log(`quality cycle: ${(error as Error).message}; keeping the last known aliases`);
      }
    }
    // A window the backfill has not reached is left out rather than published short: its
    // alerts would judge a few hours as if they were the week.
    publishGauges(
      metrics,
      qualityWindows
        .filter((window) => !this.tracker.partialSince(window))
        .map((window) => [window, this.tracker.figures(window)]),
      this.#aliases,
    );
    metrics.backfillRemaining.set(this.tracker.backfillRemainingMs() / 1000);
    metrics.staleBuckets.set(this.tracker.staleBuckets());
    metrics.cycleDuration.set((performance.now() - started) / 1000);
    this.#lastSuccessMs = Date.now();
    metrics.lastSuccess.set(this.#lastSuccessMs / 1000);
    return true;
  }

  /** Runs a cycle unless the last successful one is younger than `maxAgeMs`. */
  async ensureFresh(maxAgeMs: number): Promise<void> {
    if (Date.now() - this.#lastSuccessMs >= maxAgeMs) await this.runCycle();
  }

  /**
   * Runs a cycle now and then every `intervalMs` after the previous one ends (never overlapping);
   * while the week is being backfilled, or buckets wait past a cycle's budget, every
   * `catchUpIntervalMs` instead, so the windows are whole a minute or two after the first cycle
   * at 10 M predictions rather than after one chunk per 15 s.
   */
  start(intervalMs: number): void {
    this.#stopped = false;
    const tick = async () => {
      await this.runCycle();
      const catchingUp = this.tracker.backfillRemainingMs() > 0 || this.tracker.staleBuckets() > 0;
      const delay = catchingUp ? Math.min(intervalMs, catchUpIntervalMs) : intervalMs;
      if (!this.#stopped) this.#timer = setTimeout(tick, delay);
    };
    void tick();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #log(message: string): void {
    (this.options.log ?? console.error)(`polarity monitor: ${message}`);
  }
}
