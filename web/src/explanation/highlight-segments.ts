import type { HighlightedWord } from '@polarity/core/explanation';

export interface Segment {
  text: string;
  /** The highlighted word this piece is, or null for plain text between highlights. */
  word: HighlightedWord | null;
}

/**
 * Cuts the text into plain and highlighted pieces, in order. Offsets index the text exactly as
 * the user wrote it, so the pieces concatenate back to the original.
 */
export function highlightSegments(text: string, words: readonly HighlightedWord[]): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const word of words) {
    if (!word.push || word.start < at || word.end > text.length) continue;
    if (word.start > at) segments.push({ text: text.slice(at, word.start), word: null });
    segments.push({ text: text.slice(word.start, word.end), word });
    at = word.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), word: null });
  return segments;
}
