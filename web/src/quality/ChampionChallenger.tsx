import type { VersionQuality } from '@polarity/core/contracts';
import { intervalText, type MeasuredAccuracy, measuredAccuracy, percent } from './figures.ts';

/** The plain-language verdict of a comparison: only what the intervals allow. */
export function comparisonVerdict(
  champion: MeasuredAccuracy,
  challenger: MeasuredAccuracy,
): string {
  if (!champion.enough || !challenger.enough || !champion.interval || !challenger.interval) {
    return 'Too few labels to compare yet: each needs at least 30.';
  }
  if (challenger.interval.low > champion.interval.high) {
    return 'The challenger is more accurate, and the intervals do not overlap: worth promoting.';
  }
  if (challenger.interval.high < champion.interval.low) {
    return 'The challenger is less accurate, and the intervals do not overlap: keep the champion.';
  }
  return 'The two are within each other’s 95 % interval: no real difference shows yet.';
}

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
