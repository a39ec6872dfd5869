import { sigmoid } from './linear-model.ts';

function negLogLikelihood(
  scores: readonly number[],
  labels: readonly number[],
  temperature: number,
): number {
  let nll = 0;
  scores.forEach((s, i) => {
    const p = sigmoid(s / temperature);
    nll -= Math.log(Math.max(labels[i] === 1 ? p : 1 - p, 1e-15));
  });
  return nll;
}

/** Temperature minimising validation log-loss (golden-section search on log T in [-3, 3]). */
export function fitTemperature(scores: readonly number[], labels: readonly number[]): number {
  let lo = -3;
  let hi = 3;
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let step = 0; step < 80; step++) {
    const a = hi - ratio * (hi - lo);
    const b = lo + ratio * (hi - lo);
    if (
      negLogLikelihood(scores, labels, Math.exp(a)) < negLogLikelihood(scores, labels, Math.exp(b))
    )
      hi = b;
    else lo = a;
  }
  return Math.exp((lo + hi) / 2);
}
