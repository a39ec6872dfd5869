/**
 * A confidence as people read it: whole percents, and never "100 %". A linear model's
 * probability of 0.998 is not certainty, and rounding it up would say it is; anything above
 * 99 % reads "> 99 %". The result card and the history both go through here.
 */
export function formatConfidence(confidence: number): string {
  if (confidence > 0.99) return '> 99 %';
  return `${Math.round(confidence * 100)} %`;
}
