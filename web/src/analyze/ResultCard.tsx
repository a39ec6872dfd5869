import type { Caveat, Label, PredictionResult } from '@polarity/core/contracts';
import { FeedbackButtons } from './FeedbackButtons.tsx';
import { formatConfidence } from './format-confidence.ts';
import { HighlightedText } from './HighlightedText.tsx';
import './result-card.css';

interface Props {
  text: string;
  result: PredictionResult;
  feedback: Label | null;
  onFeedback(label: Label): void;
}

const verdictName = (label: Label) => (label === 'positive' ? 'Positive' : 'Negative');

/** The line that replaces a bare verdict when the model says it cannot judge the text well. */
function caveatHeadline(caveat: Caveat, label: Label): string {
  switch (caveat.code) {
    case 'not_english':
    case 'mostly_unknown_words':
      return 'This model reads English product reviews';
    case 'too_short':
      return `Too short to judge: it leans ${label}`;
    case 'low_confidence':
      return `Not sure: the review leans ${label}`;
  }
}

export function ResultCard({ text, result, feedback, onFeedback }: Props) {
  const { caveat, label } = result;
  const confidence = formatConfidence(result.confidence);
  const unreadable = caveat?.code === 'not_english' || caveat?.code === 'mostly_unknown_words';
  return (
    <article
      className={`result result-${label}`}
      aria-live="polite"
      data-testid="result"
      data-prediction-id={result.id}
      data-caveat={caveat?.code ?? 'none'}
    >
      {caveat && (
        <>
          <p className="result-caveat" data-testid="caveat">
            {caveatHeadline(caveat, label)}
          </p>
          {caveat.code !== 'low_confidence' && (
            <p className="result-caveat-message" data-testid="caveat-message">
              {caveat.message}
            </p>
          )}
        </>
      )}
      <header className="result-head">
        <h2
          className={`result-label${caveat ? ' result-label-tentative' : ''}`}
          data-testid="result-label"
        >
          {caveat ? `Leans ${label}` : verdictName(label)}
        </h2>
        <span className="confidence" data-testid="confidence">
          {unreadable ? `${confidence}, not reliable here` : `${confidence} confident`}
        </span>
      </header>
      <span className="meter-label" data-testid="meter-label">
        Confidence that it is {label}: {confidence}
      </span>
      {/* The bar draws the line above it, so it stays out of the accessibility tree. */}
      <div className="meter" aria-hidden="true">
        <div className="meter-fill" style={{ width: `${result.confidence * 100}%` }} />
      </div>
      <HighlightedText text={text} explanation={result.explanation} />
      <dl className="result-facts">
        <div>
          <dt>Runtime</dt>
          <dd>
            <span className={`badge badge-${result.runtime}`} data-testid="result-runtime">
              {result.runtime === 'server'
                ? 'server'
                : result.runtime === 'webgpu'
                  ? 'WebGPU'
                  : 'WASM'}
            </span>
          </dd>
        </div>
        <div>
          <dt>Latency</dt>
          <dd data-testid="latency">{result.latency_ms.toFixed(1)} ms</dd>
        </div>
        <div>
          <dt>Model</dt>
          <dd data-testid="result-version">v{result.model.version}</dd>
        </div>
      </dl>
      <FeedbackButtons predicted={label} feedback={feedback} onFeedback={onFeedback} />
    </article>
  );
}
