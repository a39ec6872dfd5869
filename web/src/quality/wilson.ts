/** A share with its 95 % confidence interval. */
export interface Interval {
  low: number;
  high: number;
}

/** z for a two-sided 95 % interval */
const z95 = 1.959964;

/**
 * The Wilson score interval for `successes` out of `trials` (Wilson 1927). Unlike the textbook
 * p ± z·√(p(1−p)/n) it stays inside [0, 1] and is honest for small n and for shares near 0 or 1,
 * which is exactly where a handful of feedback labels leaves the Quality page. Null without trials.
 */
export function wilsonInterval(successes: number, trials: number, z = z95): Interval | null {
  if (trials <= 0) return null;
  if (successes < 0 || successes > trials) {
    throw new RangeError(`wilsonInterval: successes ${successes} is outside 0…${trials}`);
  }
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials ** 2));
  // At 0 or all successes the bound is exactly 0 or 1; rounding would leave 1e-17 off it.
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === trials ? 1 : Math.min(1, centre + half),
  };
}

/** Below this many labels a measured accuracy is shown as an interval only, not as a figure. */
export const minLabels = 30;
