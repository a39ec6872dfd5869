import type { Caveat, Label, PredictionResult } from '@polarity/core/contracts';
import { Explanation } from '../explanation/Explanation.tsx';
import { FeedbackButtons } from './FeedbackButtons.tsx';
import { formatConfidence } from './format-confidence.ts';
import './result-card.css';

interface Props {
  text: string;
  result: PredictionResult;
  feedback: Label | null;
  onFeedback(label: Label): void;
}

const verdictName = (label: Label) => (label === 'positive' ? 'Positive' : 'Negative');

/**
 * What the card says instead of a bare verdict when the model cannot judge the text well: a
 * headline, and a line of detail where the headline alone does not say why. (The caveat's own
 * message is the same news in one sentence, for API clients.)
 */
function caveatText(caveat: Caveat, label: Label): [headline: string, detail?: string] {
  switch (caveat.code) {
    case 'not_english':
      return [
        'This model reads English product reviews',
        'This text looks like another language, so the lean below says little.',
      ];
    case 'mostly_unknown_words':
      return [
        'This model reads English product reviews',
        'Most of this text is words or symbols it does not know, so the lean below says little.',
      ];
    case 'too_short':
      return [
        `Too short to judge: it leans ${label}`,
        'There is no word here the model knows; write a sentence or two.',
      ];
    case 'low_confidence':
      return [`Not sure: the review leans ${label}`];
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
      {caveat && <CaveatLines caveat={caveat} label={label} />}
      <header className="result-head">
        <h2
          className={`result-label${caveat ? ' result-label-tentative' : ''}`}
          data-testid="result-label"
        >
          {caveat ? `Leans ${label}` : verdictName(label)}
        </h2>
        <span className="confidence" data-testid="confidence">
          {unreadable
            ? `${confidence} ${label}, not reliable here`
            : `${confidence} confident it is ${label}`}
        </span>
      </header>
      <div className="meter" aria-hidden="true">
        <div className="meter-fill" style={{ width: `${result.confidence * 100}%` }} />
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
      <FeedbackButtons predicted={label} feedback={feedback} onFeedback={onFeedback} />
    </article>
  );
}

function CaveatLines({ caveat, label }: { caveat: Caveat; label: Label }) {
  const [headline, detail] = caveatText(caveat, label);
  return (
    <>
      <p className="result-caveat" data-testid="caveat">
        {headline}
      </p>
      {detail && (
        <p className="result-caveat-message" data-testid="caveat-detail">
          {detail}
        </p>
      )}
    </>
  );
}
