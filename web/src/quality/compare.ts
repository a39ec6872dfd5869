import type { MeasuredAccuracy } from './figures.ts';
import { minLabels } from './wilson.ts';

/** The plain-language verdict of a comparison: only what the intervals allow. */
export function comparisonVerdict(
  champion: MeasuredAccuracy,
  challenger: MeasuredAccuracy,
): string {
  if (!champion.enough || !challenger.enough || !champion.interval || !challenger.interval) {
    return `Too few labels to compare yet: each needs at least ${minLabels}.`;
  }
  if (challenger.interval.low > champion.interval.high) {
    return 'The challenger is more accurate, and the intervals do not overlap: worth promoting.';
  }
  if (challenger.interval.high < champion.interval.low) {
    return 'The challenger is less accurate, and the intervals do not overlap: keep the champion.';
  }
  return 'The two are within each other’s 95 % interval: no real difference shows yet.';
}
