import type { VersionQuality } from '@polarity/core/contracts';
import { percent } from '../shared/percent.ts';
import { caveatNames, caveatShare, driftSentence, shiftOf } from './drift.ts';

const shiftWords = {
  stable: 'like training',
  moderate: 'moved',
  major: 'different',
  unknown: 'no profile',
} as const;

function Psi({ name, value }: { name: string; value: number | null }) {
  const shift = shiftOf(value);
  return (
    <div>
      <dt>{name}</dt>
      <dd>
        {value === null ? '—' : `PSI ${value.toFixed(2)}`}{' '}
        <span className={`shift shift-${shift}`}>{shiftWords[shift]}</span>
      </dd>
    </div>
  );
}

/** Inputs and outputs against the training data, for the version that serves. */
export function DriftCard({ version }: { version: VersionQuality }) {
  const caveats = caveatShare(version);
  return (
    <section className="quality-card" aria-labelledby="drift-title" data-testid="drift-card">
      <h3 id="drift-title">Drift (v{version.version})</h3>
      <p className="plain">{driftSentence(version)}</p>
      <dl className="kpi-facts">
        <div>
          <dt>Share positive</dt>
          <dd>
            {percent(version.positive_rate)}{' '}
            <span className="hint">training {percent(version.baseline_positive_rate)}</span>
          </dd>
        </div>
        <Psi name="Review length" value={version.input_drift_psi.text_length} />
        <Psi name="Unknown words" value={version.input_drift_psi.unknown_token_rate} />
        {caveats && (
          <div>
            <dt>Caveated</dt>
            <dd data-testid="caveated-share">
              {percent(caveats.share)}
              {caveats.byCode.length > 0 && (
                <span className="hint">
                  {' '}
                  {caveats.byCode
                    .map(([code, n]) => `${caveatNames[code]} ${n.toLocaleString()}`)
                    .join(' · ')}
                </span>
              )}
            </dd>
          </div>
        )}
      </dl>
      <p className="hint">
        PSI (population stability index) compares this window's distribution with training's: under
        0.1 is the same population, above 0.25 a different one.
      </p>
    </section>
  );
}
