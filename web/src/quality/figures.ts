import type { VersionQuality } from '@polarity/core/contracts';
import { type Interval, minLabels, wilsonInterval } from './wilson.ts';

export const intervalText = (interval: Interval) =>
  `${(interval.low * 100).toFixed(0)}–${(interval.high * 100).toFixed(0)} %`;

/** What the labels say about a version's accuracy, and whether there are enough to say it. */
export interface MeasuredAccuracy {
  labels: number;
  correct: number;
  accuracy: number | null;
  interval: Interval | null;
  /** at least `minLabels`: the figure may be shown as a figure */
  enough: boolean;
}

export function measuredAccuracy(version: VersionQuality): MeasuredAccuracy {
  const c = version.confusion;
  const correct = c.negative_negative + c.positive_positive;
  const labels = correct + c.negative_positive + c.positive_negative;
  return {
    labels,
    correct,
    accuracy: labels === 0 ? null : correct / labels,
    interval: wilsonInterval(correct, labels),
    enough: labels >= minLabels,
  };
}

/**
 * The served model's versions (the one whose version holds the champion alias; a database may
 * also hold figures of a model served before), champion first, then challenger, then the rest,
 * newest first.
 */
export function servedVersions(versions: readonly VersionQuality[]): VersionQuality[] {
  const served = versions.find((v) => v.aliases.includes('champion'))?.model;
  const rank = (v: VersionQuality) =>
    v.aliases.includes('champion') ? 0 : v.aliases.includes('challenger') ? 1 : 2;
  return versions
    .filter((v) => served === undefined || v.model === served)
    .sort((a, b) => rank(a) - rank(b) || Number(b.version) - Number(a.version) || 0);
}
