import { histogramEdges, type Summary } from './batch-rows.ts';

const pct = (part: number, whole: number) =>
  whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)} %`;

/** Counts, the share positive, and how sure the model was, as a small histogram. */
export function BatchSummary({ summary }: { summary: Summary }) {
  const tallest = Math.max(1, ...summary.histogram);
  return (
    <div className="batch-summary">
      <dl className="batch-counts" data-testid="batch-summary">
        <div>
          <dt>Reviews</dt>
          <dd>{summary.classified.toLocaleString()} classified</dd>
        </div>
        <div>
          <dt>Positive</dt>
          <dd>
            {summary.positive.toLocaleString()}{' '}
            <span className="hint">{pct(summary.positive, summary.classified)}</span>
          </dd>
        </div>
        <div>
          <dt>Negative</dt>
          <dd>
            {summary.negative.toLocaleString()}{' '}
            <span className="hint">{pct(summary.negative, summary.classified)}</span>
          </dd>
        </div>
        {summary.caveated > 0 && (
          <div>
            <dt>With a caveat</dt>
            <dd>{summary.caveated.toLocaleString()}</dd>
          </div>
        )}
        {summary.skipped > 0 && (
          <div>
            <dt>Skipped</dt>
            <dd>{summary.skipped.toLocaleString()}</dd>
          </div>
        )}
      </dl>
      <figure className="histogram">
        <figcaption>How sure the model was</figcaption>
        <ol>
          {summary.histogram.map((count, i) => {
            const from = Math.round((histogramEdges[i] ?? 0) * 100);
            const to = Math.round((histogramEdges[i + 1] ?? 1) * 100);
            return (
              <li key={from}>
                <span className="histogram-bar-box" aria-hidden="true">
                  <span
                    className="histogram-bar"
                    style={{ height: `${(count / tallest) * 100}%` }}
                  />
                </span>
                <span className="histogram-count">{count.toLocaleString()}</span>
                <span className="histogram-range">
                  {from}–{to} %
                </span>
              </li>
            );
          })}
        </ol>
      </figure>
    </div>
  );
}
