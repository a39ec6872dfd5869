import type { Label } from '@polarity/core/contracts';

interface Props {
  predicted: Label;
  feedback: Label | null;
  onFeedback(label: Label): void;
}

const other = (label: Label): Label => (label === 'positive' ? 'negative' : 'positive');

/**
 * A thumb drawn in SVG: emoji fonts are missing on many systems, where 👍 renders as an empty
 * box. Down is the same thumb turned over.
 */
function Thumb({ down = false }: { down?: boolean }) {
  return (
    <svg
      className={down ? 'thumb thumb-down' : 'thumb'}
      viewBox="0 0 24 24"
      width="18"
      height="18"
      aria-hidden="true"
      focusable="false"
    >
      <path
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
        d="M7 10v11H3V10h4Zm0 0 4-8a3 3 0 0 1 3 3v4h5.5a2 2 0 0 1 2 2.3l-1.4 8A2 2 0 0 1 18.1 21H7"
      />
    </svg>
  );
}

/** Right says the prediction was right, Wrong that the other label is; either can be changed later. */
export function FeedbackButtons({ predicted, feedback, onFeedback }: Props) {
  const agreed = feedback === predicted;
  const disagreed = feedback !== null && feedback !== predicted;
  return (
    <fieldset className="feedback">
      <legend className="visually-hidden">Was this right?</legend>
      <button type="button" aria-pressed={agreed} onClick={() => onFeedback(predicted)}>
        <Thumb /> Right
      </button>
      <button type="button" aria-pressed={disagreed} onClick={() => onFeedback(other(predicted))}>
        <Thumb down /> Wrong
      </button>
      <span className="feedback-status" aria-live="polite">
        {feedback === null ? '' : 'Thanks — saved.'}
      </span>
    </fieldset>
  );
}
