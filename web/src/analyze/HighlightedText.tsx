import type { TokenContribution } from '@polarity/core/contracts';
import { highlightSegments } from './highlight-segments.ts';

/** The review with its deciding words marked; the text is rendered as text, never as HTML. */
export function HighlightedText({
  text,
  explanation,
}: {
  text: string;
  explanation: TokenContribution[];
}) {
  return (
    <p className="highlighted" data-testid="highlighted-text">
      {highlightSegments(text, explanation).map((segment, index) =>
        segment.push ? (
          <mark
            // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reorder
            key={index}
            className={`push-${segment.push}`}
            title={`pushes ${segment.push} (${segment.score.toFixed(2)})`}
          >
            {segment.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reorder
          <span key={index}>{segment.text}</span>
        ),
      )}
    </p>
  );
}
