import type { TokenContribution } from '@polarity/core/contracts';

export interface Segment {
  text: string;
  /** which way this word pushed the verdict; null for plain text */
  push: 'positive' | 'negative' | null;
  score: number;
}

/** Words highlighted per direction: enough to explain, few enough to read. */
const perDirection = 6;

/** The words that drove the verdict most, in each direction. */
export function strongestWords(explanation: readonly TokenContribution[]): {
  positive: TokenContribution[];
  negative: TokenContribution[];
} {
  const byStrength = [...explanation].sort((a, b) => Math.abs(b.score) - Math.abs(a.score));
  return {
    positive: byStrength.filter((token) => token.score > 0).slice(0, perDirection),
    negative: byStrength.filter((token) => token.score < 0).slice(0, perDirection),
  };
}

/**
 * Cuts the text into plain and highlighted pieces, in order. Offsets index the text exactly as
 * the user wrote it, so the pieces concatenate back to the original.
 */
export function highlightSegments(
  text: string,
  explanation: readonly TokenContribution[],
): Segment[] {
  const { positive, negative } = strongestWords(explanation);
  const marked = [...positive, ...negative]
    .filter((token) => token.start < token.end && token.end <= text.length)
    .sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  let at = 0;
  for (const token of marked) {
    if (token.start < at) continue;
    if (token.start > at)
      segments.push({ text: text.slice(at, token.start), push: null, score: 0 });
    segments.push({
      text: text.slice(token.start, token.end),
      push: token.score > 0 ? 'positive' : 'negative',
      score: token.score,
    });
    at = token.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), push: null, score: 0 });
  return segments;
}
