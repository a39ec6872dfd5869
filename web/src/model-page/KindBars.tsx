import { percent } from '../shared/percent.ts';
import { kindName } from './model-figures.ts';

/** Accuracy per product kind as bars on a shared 50–100 % scale (below 50 % is a coin's worth). */
export function KindBars({ perKind }: { perKind: Record<string, number> }) {
  const kinds = Object.entries(perKind).sort((a, b) => b[1] - a[1]);
  const width = (share: number) => `${Math.max(0, Math.min(1, (share - 0.5) / 0.5)) * 100}%`;
  return (
    <figure className="model-chart kind-bars">
      <figcaption>By product kind</figcaption>
      <ul>
        {kinds.map(([kind, share]) => (
          <li key={kind}>
            <span className="kind-name">{kindName(kind)}</span>
            <span className="kind-track" aria-hidden="true">
              <span className="kind-bar" style={{ width: width(share) }} />
            </span>
            <span className="kind-value">{percent(share)}</span>
          </li>
        ))}
      </ul>
      <p className="axis-note" aria-hidden="true">
        <span>50 %</span>
        <span>75 %</span>
        <span>100 %</span>
      </p>
    </figure>
  );
}
