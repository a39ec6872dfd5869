import type { VersionQuality } from '@polarity/core/contracts';
import { percent } from '../shared/percent.ts';
import { intervalText, measuredAccuracy } from './figures.ts';
import { minLabels } from './wilson.ts';

/** One version's headline figures: measured accuracy with its interval, and the self-estimate. */
export function VersionCard({ version, explain }: { version: VersionQuality; explain: boolean }) {
  const measured = measuredAccuracy(version);
  return (
    <article className="quality-card kpi" aria-labelledby={`kpi-${version.version}`}>
      <h3 id={`kpi-${version.version}`}>
        Version {version.version}
        {version.aliases.map((alias) => (
          <span key={alias} className={`role role-${alias}`}>
            {alias}
          </span>
        ))}
      </h3>
      <p className="kpi-label">Accuracy on labelled reviews</p>
      {measured.enough && measured.interval ? (
        <>
          <p className="kpi-value" data-testid={`accuracy-${version.version}`}>
            {percent(measured.accuracy)}
          </p>
          <p className="kpi-detail">
            95 % interval {intervalText(measured.interval)} · {measured.labels.toLocaleString()}{' '}
            labels
          </p>
        </>
      ) : (
        <>
          <p className="kpi-value kpi-pending" data-testid={`accuracy-${version.version}`}>
            {measured.labels.toLocaleString()} {measured.labels === 1 ? 'label' : 'labels'}
          </p>
          <p className="kpi-detail">
            {measured.interval
              ? `Somewhere in ${intervalText(measured.interval)} (95 % interval). `
              : ''}
            <strong>Needs ≥ {minLabels} labels</strong> for a figure worth reading.
          </p>
        </>
      )}
      <dl className="kpi-facts">
        <div>
          <dt>Estimated accuracy</dt>
          <dd>{percent(version.estimated_accuracy)}</dd>
        </div>
        <div>
          <dt>Predictions</dt>
          <dd>{version.predictions.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Labelled</dt>
          <dd>{percent(version.feedback_coverage)}</dd>
        </div>
      </dl>
      {explain && (
        <p className="hint">
          Estimated accuracy is the model's own average confidence over all its predictions: it
          needs no labels, but a model that drifts overrates itself.
        </p>
      )}
    </article>
  );
}
