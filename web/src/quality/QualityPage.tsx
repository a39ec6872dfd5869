import type { QualityResponse, QualityWindow } from '@polarity/core/contracts';
import { useEffect, useId, useMemo, useState } from 'react';
import { fetchQuality } from '../api/api-client.ts';
import { ConfusionMatrix } from '../charts/ConfusionMatrix.tsx';
import { AccuracyCharts } from './AccuracyCharts.tsx';
import { ChampionChallenger } from './ChampionChallenger.tsx';
import { DriftCard } from './DriftCard.tsx';
import { servedVersions } from './figures.ts';
import { hourlyTable, spanHoursOf } from './hourly-series.ts';
import { VersionCard } from './VersionCard.tsx';
import { VersionTable } from './VersionTable.tsx';
import './quality.css';

/** The figures refresh while the page is open, so the confusion matrix follows new feedback. */
const refreshEveryMs = 30_000;

const windowNames: Record<QualityWindow, string> = {
  '1h': 'last hour',
  '24h': 'last 24 hours',
  '7d': 'last 7 days',
};

/** Model quality measured from people's feedback, per version, over time. */
export function QualityPage() {
  const [window, setWindow] = useState<QualityWindow>('24h');
  const [quality, setQuality] = useState<QualityResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const windowId = useId();

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      fetchQuality(window).then(
        (response) => {
          if (cancelled) return;
          setQuality(response);
          setError(null);
        },
        (caught: unknown) =>
          !cancelled &&
          setError(
            // fetch rejects with a TypeError when there is no network: say that, not its text.
            caught instanceof TypeError
              ? 'they are computed on the server, and it cannot be reached.'
              : caught instanceof Error
                ? caught.message
                : String(caught),
          ),
      );
    void load();
    const timer = setInterval(
      () => document.visibilityState === 'visible' && load(),
      refreshEveryMs,
    );
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [window]);

  const versions = useMemo(() => (quality ? servedVersions(quality.versions) : []), [quality]);
  const table = useMemo(
    () =>
      quality &&
      hourlyTable(
        // Lines in the cards' order, so the champion always gets the first colour.
        versions.flatMap((v) =>
          quality.series.filter((s) => s.model === v.model && s.version === v.version),
        ),
        new Date(quality.computed_at),
        spanHoursOf[quality.window],
      ),
    [quality, versions],
  );
  const champion = versions.find((v) => v.aliases.includes('champion')) ?? versions[0];
  const challenger = versions.find((v) => v.aliases.includes('challenger'));
  const matrices = [champion, challenger].filter((v) => v !== undefined);

  return (
    <section className="page quality" aria-labelledby="quality-title">
      <div className="quality-head">
        <h2 id="quality-title">Quality</h2>
        <div className="setting">
          <label htmlFor={windowId}>Window</label>
          <select
            id={windowId}
            value={window}
            onChange={(event) => setWindow(event.target.value as QualityWindow)}
          >
            {Object.entries(windowNames).map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="hint quality-intro">
        Measured from the feedback people give on verdicts (right or wrong). Every figure from
        labels carries its 95 % interval; with few labels the interval is wide and says so.
      </p>
      {error && (
        <p className="error" role="alert">
          Quality figures are unavailable: {error}
        </p>
      )}
      {!quality && !error && <p className="hint">Loading the figures…</p>}
      {quality?.covered_since && (
        <p className="hint" role="status" data-testid="covered-since">
          The monitor is still adding up older predictions: these figures count those made since{' '}
          {new Date(quality.covered_since).toLocaleString([], {
            weekday: 'short',
            hour: '2-digit',
            minute: '2-digit',
          })}
          .
        </p>
      )}
      {quality && versions.length === 0 && (
        <p className="empty-chart">No predictions in the {windowNames[quality.window]} yet.</p>
      )}
      {quality && versions.length > 0 && (
        <div className="quality-grid">
          {versions.map((version, i) => (
            <VersionCard key={version.version} version={version} explain={i === 0} />
          ))}
          {champion && challenger && (
            <ChampionChallenger champion={champion} challenger={challenger} />
          )}
          {champion && <DriftCard version={champion} />}
          <section
            // Two matrices need the full width; one sits beside the drift card.
            className={`quality-card${matrices.length > 1 ? ' quality-wide' : ''}`}
            aria-labelledby="confusion-title"
          >
            <h3 id="confusion-title">Where it goes wrong</h3>
            <div className="matrices">
              {matrices.map((v) => (
                <ConfusionMatrix
                  key={v.version}
                  caption={`v${v.version}, ${v.feedback.toLocaleString()} labels`}
                  actualName="People said"
                  matrix={[
                    [v.confusion.negative_negative, v.confusion.negative_positive],
                    [v.confusion.positive_negative, v.confusion.positive_positive],
                  ]}
                />
              ))}
            </div>
          </section>
          {table && (
            <AccuracyCharts
              table={table}
              title={`Accuracy per hour, ${quality.window === '7d' ? 'last 7 days' : 'last 24 hours'}`}
            />
          )}
          <VersionTable versions={versions} />
        </div>
      )}
      {quality && (
        <p className="hint">
          Figures for the {windowNames[quality.window]}, computed{' '}
          {new Date(quality.computed_at).toLocaleTimeString()}; they refresh every 30 seconds.
        </p>
      )}
    </section>
  );
}
