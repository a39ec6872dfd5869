import type { VersionQuality } from '@polarity/core/contracts';
import { percent } from '../shared/percent.ts';
import { comparisonVerdict } from './compare.ts';
import { intervalText, type MeasuredAccuracy, measuredAccuracy } from './figures.ts';

/**
 * Champion and challenger on the same reviews: the challenger scores each review in shadow and a
 * person's 👍/👎 judges both predictions, so their figures share one set of labels.
 */
export function ChampionChallenger({
  champion,
  challenger,
}: {
  champion: VersionQuality;
  challenger: VersionQuality;
}) {
  const measured = [measuredAccuracy(champion), measuredAccuracy(challenger)] as const;
  const rows: [string, (v: VersionQuality, m: MeasuredAccuracy) => string][] = [
    ['Accuracy on labels', (_v, m) => (m.enough ? percent(m.accuracy) : 'needs ≥ 30 labels')],
    ['95 % interval', (_v, m) => (m.interval ? intervalText(m.interval) : '—')],
    ['Labels', (_v, m) => m.labels.toLocaleString()],
    ['Macro-F1', (v) => percent(v.f1_macro)],
    ['Estimated accuracy', (v) => percent(v.estimated_accuracy)],
    ['Share positive', (v) => percent(v.positive_rate)],
  ];
  return (
    <section className="quality-card" aria-labelledby="compare-title">
      <h3 id="compare-title">Champion against challenger</h3>
      <p className="hint">
        Both judged by the same labels: the challenger scores each review in shadow.
      </p>
      <table className="compare" data-testid="champion-challenger">
        <thead>
          <tr>
            <td />
            <th scope="col">Champion v{champion.version}</th>
            <th scope="col">Challenger v{challenger.version}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{value(champion, measured[0])}</td>
              <td>{value(challenger, measured[1])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="plain">{comparisonVerdict(measured[0], measured[1])}</p>
    </section>
  );
}
