import type { HighlightedWord } from '@polarity/core/explanation';
import type { CSSProperties } from 'react';
import { highlightSegments } from './highlight-segments.ts';
import { signedScore } from './signed-score.ts';

/**
 * The review with the words that moved the verdict marked: the fill's strength is the word's
 * share of the strongest push, the underline's style says which way (solid towards positive,
 * dashed towards negative) so the sign does not rest on colour alone. Rendered as text, never
 * as HTML.
 */
export function HighlightedText({ text, words }: { text: string; words: HighlightedWord[] }) {
  return (
    <p className="highlighted" data-testid="highlighted-text">
      {highlightSegments(text, words).map(({ text: piece, word }, index) =>
        word?.push ? (
          <mark
            // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reorder
            key={index}
            className={`push-${word.push}`}
            style={{ '--intensity': word.intensity.toFixed(3) } as CSSProperties}
            title={`pushes ${word.push}, ${signedScore(word.score)}`}
          >
            {piece}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reorder
          <span key={index}>{piece}</span>
        ),
      )}
    </p>
  );
}
