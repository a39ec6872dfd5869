import type { Label } from '@polarity/core/contracts';

interface Props {
  predicted: Label;
  feedback: Label | null;
  onFeedback(label: Label): void;
}

const other = (label: Label): Label => (label === 'positive' ? 'negative' : 'positive');

/** 👍 says the prediction was right, 👎 that the other label is; either can be changed later. */
export function FeedbackButtons({ predicted, feedback, onFeedback }: Props) {
  const agreed = feedback === predicted;
  const disagreed = feedback !== null && feedback !== predicted;
  return (
    <fieldset className="feedback">
      <legend className="visually-hidden">Was this right?</legend>
      <button
        type="button"
        aria-pressed={agreed}
        aria-label="Right"
        onClick={() => onFeedback(predicted)}
      >
        👍 <span className="feedback-text">Right</span>
      </button>
      <button
        type="button"
        aria-pressed={disagreed}
        aria-label="Wrong"
        onClick={() => onFeedback(other(predicted))}
      >
        👎 <span className="feedback-text">Wrong</span>
      </button>
      <span className="feedback-status" aria-live="polite">
        {feedback === null ? '' : 'Thanks — saved.'}
      </span>
    </fieldset>
  );
}
