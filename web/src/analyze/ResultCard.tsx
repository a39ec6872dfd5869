import type { Label, PredictionResult } from '@polarity/core/contracts';
import { Explanation } from '../explanation/Explanation.tsx';
import { FeedbackButtons } from './FeedbackButtons.tsx';

interface Props {
  text: string;
  result: PredictionResult;
  feedback: Label | null;
  onFeedback(label: Label): void;
}

export function ResultCard({ text, result, feedback, onFeedback }: Props) {
  const percent = (result.confidence * 100).toFixed(1);
  return (
    <article
      className={`result result-${result.label}`}
      aria-live="polite"
      data-testid="result"
      data-prediction-id={result.id}
    >
      <header className="result-head">
        <h2 className="result-label" data-testid="result-label">
          {result.label === 'positive' ? 'Positive' : 'Negative'}
        </h2>
        <span className="confidence" data-testid="confidence">
          {percent}% confident
        </span>
      </header>
      <div className="meter" aria-hidden="true">
        <div className="meter-fill" style={{ width: `${result.probabilities.positive * 100}%` }} />
      </div>
      <Explanation text={text} explanation={result.explanation} />
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
      <FeedbackButtons predicted={result.label} feedback={feedback} onFeedback={onFeedback} />
    </article>
  );
}
