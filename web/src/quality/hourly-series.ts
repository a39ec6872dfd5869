import type { QualitySeries } from '@polarity/core/contracts';

const hourMs = 3_600_000;

/** Hourly columns for a chart: one x per clock hour, one y array per version, null for no data. */
export interface HourlyTable {
  /** start of each hour, epoch seconds (uPlot's time unit) */
  hours: number[];
  versions: string[];
  accuracy: (number | null)[][];
  feedback: (number | null)[][];
}

/**
 * Every clock hour of the last `spanHours` up to the hour of `now`, so an hour without feedback is
 * a gap the chart leaves open instead of a line drawn across it. The API lists only hours that
 * had predictions, and an hour with predictions but no feedback has no accuracy (null) either.
 */
export function hourlyTable(
  series: readonly QualitySeries[],
  now: Date,
  spanHours: number,
): HourlyTable {
  const last = Math.floor(now.getTime() / hourMs) * hourMs;
  const first = last - (spanHours - 1) * hourMs;
  const hours = Array.from({ length: spanHours }, (_, i) => first + i * hourMs);
  const index = new Map(hours.map((hour, i) => [hour, i]));
  const accuracy: (number | null)[][] = [];
  const feedback: (number | null)[][] = [];
  for (const s of series) {
    const acc = new Array<number | null>(spanHours).fill(null);
    const labels = new Array<number | null>(spanHours).fill(null);
    for (const point of s.points) {
      const i = index.get(Date.parse(point.hour));
      if (i === undefined) continue;
      acc[i] = point.accuracy;
      labels[i] = point.feedback;
    }
    accuracy.push(acc);
    feedback.push(labels);
  }
  return {
    hours: hours.map((hour) => hour / 1000),
    versions: series.map((s) => s.version),
    accuracy,
    feedback,
  };
}

/** Hours the chart spans for each window: a day at least, so an hour's point has neighbours. */
export const spanHoursOf = { '1h': 24, '24h': 24, '7d': 168 } as const;
