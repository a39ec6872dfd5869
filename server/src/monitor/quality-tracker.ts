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
  changedBuckets,
  type Scope,
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
 * Above this many changed buckets (a backlog of offline clients, a bulk import) one pass over
 * the week is cheaper than one index range scan per bucket.
 */
const maxIncrementalBuckets = 2_000;

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
}

/**
 * Model quality from Postgres, kept as one bucket per (version, minute of prediction time).
 * The first refresh starts from the rollups the monitor stored (quality_minutes) and
 * re-aggregates what arrived after them, or, with none stored, aggregates the last 7 days;
 * later ones re-aggregate only the buckets whose predictions or feedback arrived since, so a
 * cycle costs what changed, not what is stored.
 */
export class QualityTracker {
  #buckets = new Map<ProfileKey, Map<number, BucketCounts>>();
  #versions = new Map<ProfileKey, { model: string; version: string }>();
  #profiles = new Map<ProfileKey, TrainingProfile>();
  #profilesFingerprint = '';
  #watermark: Date | null = null;
  #computedAt: Date | null = null;
  #pending: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    private readonly options: QualityTrackerOptions = {},
  ) {}

  /** When the figures were computed (the database's clock); null before the first refresh. */
  get computedAt(): Date | null {
    return this.#computedAt;
  }

  /** Brings the buckets up to date; concurrent callers share one refresh. */
  refresh(): Promise<void> {
    this.#pending ??= this.#refresh().finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  async #refresh(): Promise<void> {
    const profiles = await loadTrainingProfiles(this.db);
    const fingerprint = JSON.stringify([...profiles].sort(([a], [b]) => a.localeCompare(b)));
    if (fingerprint !== this.#profilesFingerprint) {
      // New bins mean every stored histogram is in the wrong shape: start over.
      this.#buckets.clear();
      this.#watermark = null;
      this.#profiles = profiles;
      this.#profilesFingerprint = fingerprint;
    }
    const edges = [...profiles].map(([key, profile]) => binEdges(key, profile));
    await this.db.transaction(
      async (tx) => {
        // The planner's estimates for a few buckets are far too high, and JIT-compiling for them
        // costs seconds; the cold pass is a plain scan that JIT barely speeds up.
        await tx.execute(sql`set local jit = off`);
        const [clock] = rowsOf<{ now_ms: number }>(
          await tx.execute(sql`select (extract(epoch from now()) * 1000)::float8 as now_ms`),
        );
        const now = new Date(Math.floor(clock!.now_ms));
        const since = new Date(windowStart('7d', now));
        if (!this.#watermark) {
          const stored = await readRollups(tx, fingerprint, since);
          if (stored) {
            this.#buckets.clear();
            for (const row of stored.rows) this.#store(row);
            this.#watermark = stored.watermark;
          }
        }
        const changed = this.#watermark
          ? await changedBuckets(tx, this.#watermark, since)
          : undefined;
        const scope: Scope =
          changed && changed.length <= maxIncrementalBuckets
            ? { kind: 'buckets', buckets: changed }
            : { kind: 'all', since };
        let rows: BucketRow[] = [];
        if (scope.kind === 'all' || scope.buckets.length > 0) {
          // The first cycle groups a week of rows: let the hash aggregate stay in memory.
          if (scope.kind === 'all') await tx.execute(sql`set local work_mem = '64MB'`);
          rows = await bucketCounts(tx, scope, edges);
          if (scope.kind === 'all') this.#buckets.clear();
          else for (const ref of scope.buckets) this.#bucketsOf(ref).delete(ref.minute);
          for (const row of rows) this.#store(row);
        }
        this.#prune(since.getTime());
        const watermark = new Date(now.getTime() - watermarkOverlapMs);
        if (this.options.writesRollups) {
          // Derived data: a crash may lose the last cycles' rollups, but never splits them from
          // their watermark, and the next cycle recomputes them; no cycle waits for a WAL flush.
          await tx.execute(sql`set local synchronous_commit = off`);
          await writeRollups(tx, {
            replaced: scope.kind === 'all' ? 'all' : scope.buckets,
            rows,
            since,
            watermark,
            fingerprint,
          });
        }
        this.#watermark = watermark;
        this.#computedAt = now;
      },
      {
        isolationLevel: 'repeatable read',
        accessMode: this.options.writesRollups ? 'read write' : 'read only',
      },
    );
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
