/** "+1.23" or "−0.69" (a real minus sign, so it reads as one and lines up with the plus). */
export function signedScore(score: number): string {
  return `${score >= 0 ? '+' : '−'}${Math.abs(score).toFixed(2)}`;
}
