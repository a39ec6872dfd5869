import type { QualityResponse, QualityWindow } from '@polarity/core/contracts';
import { useEffect, useId, useState } from 'react';
import { fetchQuality } from '../api/api-client.ts';
import { type ChartSeries, LineChart } from './LineChart.tsx';

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);

function seriesOf(
  quality: QualityResponse,
  pick: 'accuracy' | 'f1_macro' | 'feedback',
): ChartSeries[] {
  return quality.series.map((s) => ({
    name: `v${s.version}`,
    points: s.points.map((p) => ({ x: Date.parse(p.hour), y: p[pick] })),
  }));
}

/** Model quality measured from user feedback, per version, over time. */
export function QualityPage() {
  const [window, setWindow] = useState<QualityWindow>('24h');
  const [quality, setQuality] = useState<QualityResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const windowId = useId();

  useEffect(() => {
    let cancelled = false;
    setError(null);
    fetchQuality(window).then(
      (response) => !cancelled && setQuality(response),
      (caught: unknown) =>
        !cancelled && setError(caught instanceof Error ? caught.message : String(caught)),
    );
    return () => {
      cancelled = true;
    };
  }, [window]);

  return (
    <section className="page quality" aria-labelledby="quality-title">
      <div className="form-row">
        <h2 id="quality-title">Quality</h2>
        <div className="setting">
          <label htmlFor={windowId}>Window</label>
          <select
            id={windowId}
            value={window}
            onChange={(event) => setWindow(event.target.value as QualityWindow)}
          >
            <option value="1h">last hour</option>
            <option value="24h">last 24 hours</option>
            <option value="7d">last 7 days</option>
          </select>
        </div>
      </div>
      {error && (
        <p className="error" role="alert">
          Quality figures are unavailable: {error}
        </p>
      )}
      {quality && (
        <>
          <div className="table-wrap">
            <table className="quality-table">
              <caption className="visually-hidden">Quality per model version</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Predictions</th>
                  <th scope="col">Feedback</th>
                  <th scope="col">Accuracy</th>
                  <th scope="col">Macro-F1</th>
                  <th scope="col">Self-estimate</th>
                </tr>
              </thead>
              <tbody>
                {quality.versions.map((version) => (
                  <tr key={version.version}>
                    <th scope="row">
                      v{version.version}
                      {version.aliases.length > 0 && (
                        <span className="hint"> ({version.aliases.join(', ')})</span>
                      )}
                    </th>
                    <td>{version.predictions.toLocaleString()}</td>
                    <td>{version.feedback.toLocaleString()}</td>
                    <td>{percent(version.accuracy)}</td>
                    <td>{percent(version.f1_macro)}</td>
                    <td>{percent(version.estimated_accuracy)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="charts">
            <LineChart
              title="Accuracy per hour (from feedback)"
              series={seriesOf(quality, 'accuracy')}
              yDomain={[0, 1]}
              formatY={(v) => `${Math.round(v * 100)}%`}
            />
            <LineChart
              title="Macro-F1 per hour"
              series={seriesOf(quality, 'f1_macro')}
              yDomain={[0, 1]}
              formatY={(v) => `${Math.round(v * 100)}%`}
            />
            <LineChart
              title="Feedback per hour"
              series={seriesOf(quality, 'feedback')}
              formatY={(v) => String(Math.round(v))}
              bars
            />
          </div>
          <p className="hint">Computed {new Date(quality.computed_at).toLocaleString()}.</p>
        </>
      )}
    </section>
  );
}
