/**
 * Floor for a bin's share: an empty bin would make ln(actual / expected) infinite. 1e-4 is the
 * usual choice in credit-risk practice, where PSI comes from.
 */
const emptyBinShare = 1e-4;

/**
 * Population stability index of `actual` counts against `expected` counts over the same bins:
 * Σ (a − e) · ln(a / e) over bin shares. < 0.1 stable, 0.1–0.25 shifting, > 0.25 shifted.
 * Null when either side has no observations.
 */
export function populationStabilityIndex(actual: number[], expected: number[]): number | null {
  if (actual.length !== expected.length) {
    throw new Error(`PSI: ${actual.length} live bins against ${expected.length} training bins`);
  }
  const actualTotal = actual.reduce((sum, count) => sum + count, 0);
  const expectedTotal = expected.reduce((sum, count) => sum + count, 0);
  if (actualTotal === 0 || expectedTotal === 0) return null;
  let psi = 0;
  for (let bin = 0; bin < actual.length; bin++) {
    const a = Math.max((actual[bin] ?? 0) / actualTotal, emptyBinShare);
    const e = Math.max((expected[bin] ?? 0) / expectedTotal, emptyBinShare);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}
