import type { VersionQuality } from '@polarity/core/contracts';
import { useId } from 'react';
import { ScrollRegion } from '../charts/ScrollRegion.tsx';
import { percent } from '../shared/percent.ts';

/** Every version's per-class figures; wide, so it scrolls sideways on a phone, with a hint. */
export function VersionTable({ versions }: { versions: readonly VersionQuality[] }) {
  const captionId = useId();
  return (
    <section className="quality-card quality-wide" aria-labelledby={captionId}>
      <h3 id={captionId}>Per class, per version</h3>
      <p className="hint">
        Precision: of the reviews the model called negative (positive), the share people agreed
        with. Recall: of the reviews people called negative (positive), the share the model found.
      </p>
      <p className="scroll-hint" aria-hidden="true">
        Swipe the table sideways for more columns →
      </p>
      <ScrollRegion label="Per-class figures per version">
        <table className="quality-table">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Predictions</th>
              <th scope="col">Labels</th>
              <th scope="col">Macro-F1</th>
              <th scope="col">Precision neg.</th>
              <th scope="col">Recall neg.</th>
              <th scope="col">Precision pos.</th>
              <th scope="col">Recall pos.</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <th scope="row">
                  v{v.version}
                  {v.aliases.length > 0 && <span className="hint"> {v.aliases.join(', ')}</span>}
                </th>
                <td>{v.predictions.toLocaleString()}</td>
                <td>{v.feedback.toLocaleString()}</td>
                <td>{percent(v.f1_macro)}</td>
                <td>{percent(v.classes.negative.precision)}</td>
                <td>{percent(v.classes.negative.recall)}</td>
                <td>{percent(v.classes.positive.precision)}</td>
                <td>{percent(v.classes.positive.recall)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
