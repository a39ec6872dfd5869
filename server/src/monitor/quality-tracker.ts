import {
  type CaveatCounts,
  caveatCodes,
  type QualityPoint,
  type QualityWindow,
  type TrainingProfile,
} from '@polarity/core/contracts';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import { addCounts, type BucketCounts, emptyCounts } from './bucket-counts.ts';
import {
  type BinEdges,
  type BucketRef,
  type BucketRow,
  bucketCounts,
  type ChangedBucket,
  changedBuckets,
  chunkStart,
} from './bucket-queries.ts';
import { type QualityFigures, qualityFigures } from './quality-figures.ts';
import { readRollups, writeRollups } from './rollup-store.ts';
import { loadTrainingProfiles, type ProfileKey, versionKey } from './training-profiles.ts';
import { hourMs, windowStart } from './windows.ts';

/**
 * Rows received up to this long before a cycle's snapshot are read again next cycle: a row's
 * received_at is its transaction's start, so a transaction still open at the snapshot commits
 * rows stamped before it. 60 s is far longer than any ingestion transaction.
 */
const watermarkOverlapMs = 60_000;

/**
 * Predictions one cycle aggregates at most for each of its two parts: the minutes that received
 * rows since the last cycle, and the backfill of older minutes not aggregated yet. A full pass
 * costs 3 µs a row on a quiet core and about 10 µs on a busy one (`npm run bench:monitor -w
 * server`): 0.3–1 s a part, so a cycle stays within 2 s however many rows are stored.
 */
const defaultRowsPerCycle = 100_000;

export interface VersionFigures extends QualityFigures {
  model: string;
  version: string;
}

export interface VersionSeries {
  model: string;
  version: string;
  points: QualityPoint[];
}

export interface QualityTrackerOptions {
  /**
   * Whether this tracker keeps `quality_minutes` up to date. Only the one scheduled monitor
   * does; every other tracker (the API's, for GET /api/quality) only starts from them.
   */
  writesRollups?: boolean;
  /** Predictions a cycle aggregates at most, for each of its two parts (see defaultRowsPerCycle). */
  rowsPerCycle?: number;
}

/** What one refresh aggregated: the bound a test holds it to. */
export interface RefreshWork {
  /** predictions in the buckets recomputed because rows arrived in them */
  changed: number;
  /** predictions in the chunk of older minutes backfilled */
  backfilled: number;
}

/**
 * Model quality from Postgres, kept as one bucket per (version, minute of prediction time).
 * The first refresh starts from the rollups the monitor stored (quality_minutes), if any. Each
 * refresh then re-aggregates the buckets whose predictions or feedback arrived since the last
 * one, and, while the 7-day window is not whole, backfills the newest minutes not aggregated yet,
 * one chunk; each of the two parts stops at about `rowsPerCycle` predictions, and what is left
 * waits for the next cycles. So a cycle never aggregates the week: over 10 M stored predictions
 * the very first cycle publishes the newest minutes within a second, and later cycles extend
 * them back to the week's start. Until then a window reaching further back is partial
 * (`partialSince`), which the monitor and GET /api/quality say.
 */
export class QualityTracker {
  #buckets = new Map<ProfileKey, Map<number, BucketCounts>>();
  #versions = new Map<ProfileKey, { model: string; version: string }>();
  #profiles = new Map<ProfileKey, TrainingProfile>();
  #profilesFingerprint = '';
  #watermark: Date | null = null;
  /** The first minute (epoch ms) the buckets hold whole; null before anything is aggregated. */
  #coveredFrom: number | null = null;
  /** Buckets that received rows and wait for a cycle with budget left to re-aggregate them. */
  #stale = new Map<string, ChangedBucket>();
  /**
   * The watermark stored with the rollups: the last one before which no stale bucket received
   * rows, so a monitor starting from them finds every stale bucket again.
   */
  #settled: Date | null = null;
  #since = 0;
  #computedAt: Date | null = null;
  #pending: Promise<RefreshWork> | null = null;

  constructor(
    private readonly db: Database,
    private readonly options: QualityTrackerOptions = {},
  ) {}

  /** When the figures were computed (the database's clock); null before the first refresh. */
  get computedAt(): Date | null {
    return this.#computedAt;
  }

  /**
   * The first minute the figures of `window` cover, when that is after the window's start (the
   * backfill has not reached it yet, so they count only the predictions made since); null when
   * the window is whole, or before the first refresh.
   */
  partialSince(window: QualityWindow): Date | null {
    if (!this.#computedAt || this.#coveredFrom === null) return null;
    return this.#coveredFrom > windowStart(window, this.#computedAt)
      ? new Date(this.#coveredFrom)
      : null;
  }

  /** How much of the 7-day window, ms, the backfill has yet to aggregate; 0 once it is whole. */
  backfillRemainingMs(): number {
    return this.#coveredFrom === null ? 0 : Math.max(0, this.#coveredFrom - this.#since);
  }

  /** Buckets whose new rows wait for a later cycle (a burst past one cycle's budget). */
  staleBuckets(): number {
    return this.#stale.size;
  }

  /** Brings the buckets up to date; concurrent callers share one refresh. */
  refresh(): Promise<RefreshWork> {
    this.#pending ??= this.#refresh().finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  async #refresh(): Promise<RefreshWork> {
    const profiles = await loadTrainingProfiles(this.db);
    const fingerprint = JSON.stringify([...profiles].sort(([a], [b]) => a.localeCompare(b)));
    if (fingerprint !== this.#profilesFingerprint) {
      // New bins mean every stored histogram is in the wrong shape: start over.
      this.#buckets.clear();
      this.#watermark = null;
      this.#settled = null;
      this.#coveredFrom = null;
      this.#stale.clear();
      this.#profiles = profiles;
      this.#profilesFingerprint = fingerprint;
    }
    const edges = [...profiles].map(([key, profile]) => binEdges(key, profile));
    const budget = this.options.rowsPerCycle ?? defaultRowsPerCycle;
    return this.db.transaction(
      async (tx) => {
        // The planner's estimates for a few buckets are far too high, and JIT-compiling for them
        // costs seconds; the chunked pass is a plain scan that JIT barely speeds up.
        await tx.execute(sql`set local jit = off`);
        const [clock] = rowsOf<{ now_ms: number }>(
          await tx.execute(sql`select (extract(epoch from now()) * 1000)::float8 as now_ms`),
        );
        const now = new Date(Math.floor(clock!.now_ms));
        const since = windowStart('7d', now);
        if (!this.#watermark) {
          const stored = await readRollups(tx, fingerprint, new Date(since));
          if (stored) {
            this.#buckets.clear();
            for (const row of stored.rows) this.#store(row);
            this.#watermark = stored.watermark;
            this.#settled = stored.watermark;
            this.#coveredFrom = stored.coveredFrom.getTime();
          }
        }
        const work: RefreshWork = { changed: 0, backfilled: 0 };
        let replaced: BucketRef[] = [];
        const rows: BucketRow[] = [];
        if (this.#watermark && this.#coveredFrom !== null) {
          const covered = Math.max(since, this.#coveredFrom);
          const changed = await changedBuckets(tx, this.#watermark, new Date(covered));
          // Queued in the order found, newest minutes first within a cycle; one already waiting
          // keeps its place, so a bucket found again by every cycle cannot starve the others.
          for (const bucket of changed.sort((a, b) => b.minute - a.minute)) {
            const key = bucketKey(bucket);
            if (!this.#stale.has(key)) this.#stale.set(key, bucket);
          }
          for (const [key, bucket] of this.#stale) {
            if (bucket.minute < covered) this.#stale.delete(key);
          }
          replaced = this.#takeStale(budget);
          if (replaced.length > 0) {
            const recomputed = await bucketCounts(
              tx,
              { kind: 'buckets', buckets: replaced },
              edges,
            );
            for (const ref of replaced) this.#bucketsOf(ref).delete(ref.minute);
            for (const row of recomputed) this.#store(row);
            rows.push(...recomputed);
            work.changed = sumPredictions(recomputed);
          }
        }
        let backfilled: { from: Date; to: Date | null } | undefined;
        if (this.#coveredFrom === null || this.#coveredFrom > since) {
          const to = this.#coveredFrom === null ? null : new Date(this.#coveredFrom);
          const from = new Date(await chunkStart(tx, new Date(since), to, budget));
          // One chunk groups up to a few thousand minutes: let the hash aggregate stay in memory.
          await tx.execute(sql`set local work_mem = '64MB'`);
          const chunk = await bucketCounts(tx, { kind: 'range', from, to }, edges);
          if (to === null) this.#buckets.clear();
          for (const row of chunk) this.#store(row);
          rows.push(...chunk);
          work.backfilled = sumPredictions(chunk);
          this.#coveredFrom = from.getTime();
          backfilled = { from, to };
        }
        this.#since = since;
        this.#prune(Math.max(since, this.#coveredFrom ?? since));
        const watermark = new Date(now.getTime() - watermarkOverlapMs);
        if (this.#stale.size === 0) this.#settled = watermark;
        if (this.options.writesRollups) {
          // Derived data: a crash may lose the last cycles' rollups, but never splits them from
          // their watermark, and the next cycle recomputes them; no cycle waits for a WAL flush.
          await tx.execute(sql`set local synchronous_commit = off`);
          await writeRollups(tx, {
            replaced,
            backfilled,
            rows,
            keepFrom: new Date(Math.max(since, this.#coveredFrom ?? since)),
            coveredFrom: new Date(this.#coveredFrom ?? since),
            watermark: this.#settled ?? watermark,
            fingerprint,
          });
        }
        this.#watermark = watermark;
        this.#computedAt = now;
        return work;
      },
      {
        isolationLevel: 'repeatable read',
        accessMode: this.options.writesRollups ? 'read write' : 'read only',
      },
    );
  }

  /**
   * Takes the stale buckets to re-aggregate this cycle, in the order they were found, until they
   * hold `budget` predictions (what a bucket held plus what arrived in it, an overestimate when
   * the arrivals were counted already); at least one. The rest (a bulk import, a backlog of
   * offline clients past the budget) wait for the next cycles, which the monitor runs at once
   * while any wait, so no cycle aggregates much more than a budget.
   */
  #takeStale(budget: number): BucketRef[] {
    const taken: BucketRef[] = [];
    let rows = 0;
    for (const [key, { model, version, minute, arrived }] of this.#stale) {
      if (rows >= budget) break;
      rows +=
        (this.#buckets.get(versionKey(model, version))?.get(minute)?.predictions ?? 0) + arrived;
      taken.push({ model, version, minute });
      this.#stale.delete(key);
    }
    return taken;
  }

  /** Figures per version over a window, for the versions with predictions in it. */
  figures(window: QualityWindow): VersionFigures[] {
    if (!this.#computedAt) return [];
    const start = windowStart(window, this.#computedAt);
    const figures: VersionFigures[] = [];
    for (const [key, buckets] of this.#buckets) {
      const total = this.#empty(key);
      for (const [minute, counts] of buckets) if (minute >= start) addCounts(total, counts);
      if (total.predictions === 0) continue;
      const { model, version } = this.#versions.get(key)!;
      figures.push({ model, version, ...qualityFigures(total, this.#profiles.get(key)) });
    }
    return figures.sort(byVersion);
  }

  /** Hourly predictions, feedback, accuracy and macro-F1 per version over the last 7 days. */
  hourlySeries(): VersionSeries[] {
    if (!this.#computedAt) return [];
    const start = windowStart('7d', this.#computedAt);
    const series: VersionSeries[] = [];
    for (const [key, buckets] of this.#buckets) {
      const hours = new Map<number, BucketCounts>();
      for (const [minute, counts] of buckets) {
        if (minute < start) continue;
        const hour = Math.floor(minute / hourMs) * hourMs;
        const total = hours.get(hour) ?? this.#empty(key);
        addCounts(total, counts);
        hours.set(hour, total);
      }
      if (hours.size === 0) continue;
      const points = [...hours]
        .sort(([a], [b]) => a - b)
        .map(([hour, counts]) => {
          const { predictions, feedback, accuracy, f1_macro } = qualityFigures(counts, undefined);
          return { hour: new Date(hour).toISOString(), predictions, feedback, accuracy, f1_macro };
        });
      series.push({ ...this.#versions.get(key)!, points });
    }
    // In version order, as figures() is: bucket order depends on how they were loaded.
    return series.sort(byVersion);
  }

  #store(row: BucketRow): void {
    const key = versionKey(row.model, row.version);
    const profile = this.#profiles.get(key);
    this.#bucketsOf(row).set(row.minute, {
      predictions: row.predictions,
      predictedPositive: row.predicted_positive,
      confidenceSum: row.confidence_sum,
      feedback: row.feedback,
      confidenceSumWithFeedback: row.confidence_sum_with_feedback,
      negativeNegative: row.negative_negative,
      negativePositive: row.negative_positive,
      positiveNegative: row.positive_negative,
      positivePositive: row.positive_positive,
      caveated: Object.fromEntries(
        caveatCodes.map((code, i) => [code, row.caveated[i] ?? 0]),
      ) as CaveatCounts,
      // The SQL pads every version to the widest profile; keep this version's own bins.
      textLengthBins: row.text_length_bins.slice(0, profile?.text_length_chars.counts.length ?? 0),
      unknownTokenRateBins: row.unknown_token_rate_bins.slice(
        0,
        profile?.unknown_token_rate.counts.length ?? 0,
      ),
    });
  }

  #bucketsOf(ref: Pick<BucketRef, 'model' | 'version'>): Map<number, BucketCounts> {
    const key = versionKey(ref.model, ref.version);
    let buckets = this.#buckets.get(key);
    if (!buckets) {
      buckets = new Map();
      this.#buckets.set(key, buckets);
      this.#versions.set(key, { model: ref.model, version: ref.version });
    }
    return buckets;
  }

  #empty(key: ProfileKey): BucketCounts {
    const profile = this.#profiles.get(key);
    return emptyCounts(
      profile?.text_length_chars.counts.length ?? 0,
      profile?.unknown_token_rate.counts.length ?? 0,
    );
  }

  #prune(oldestMinute: number): void {
    for (const [key, buckets] of this.#buckets) {
      for (const minute of buckets.keys()) if (minute < oldestMinute) buckets.delete(minute);
      if (buckets.size === 0) this.#buckets.delete(key);
    }
  }
}

function bucketKey({ model, version, minute }: BucketRef): string {
  return JSON.stringify([model, version, minute]);
}

function sumPredictions(rows: BucketRow[]): number {
  return rows.reduce((sum, row) => sum + row.predictions, 0);
}

function byVersion(a: { model: string; version: string }, b: { model: string; version: string }) {
  return (
    a.model.localeCompare(b.model) || a.version.localeCompare(b.version, 'en', { numeric: true })
  );
}

/** width_bucket wants the edges between bins: the first edge only opens bin 0. */
function binEdges(key: ProfileKey, profile: TrainingProfile): BinEdges {
  const [model, version] = JSON.parse(key) as [string, string];
  return {
    model,
    version,
    textLength: profile.text_length_chars.edges.slice(1),
    unknownTokenRate: profile.unknown_token_rate.edges.slice(1),
  };
}
