import type { CSSProperties } from 'react';
import './charts.css';

/** Counts indexed [actual][predicted], negative first. */
export type Matrix = readonly [readonly [number, number], readonly [number, number]];

const classes = ['negative', 'positive'] as const;

/**
 * A 2×2 confusion matrix as a real table: rows are the true labels, columns the model's. Each
 * cell's tint grows with its share of the row (the recall view); tints stay light under dark
 * text, so every figure keeps at least 4.5:1 contrast.
 */
export function ConfusionMatrix({
  matrix,
  caption,
  actualName = 'Actual',
}: {
  matrix: Matrix;
  caption: string;
  /** what the rows are: "Actual" for a test split, "People said" for feedback */
  actualName?: string;
}) {
  const total = matrix[0][0] + matrix[0][1] + matrix[1][0] + matrix[1][1];
  return (
    <table className="confusion">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <td />
          <th scope="col" colSpan={2} className="confusion-axis">
            Model said
          </th>
        </tr>
        <tr>
          <th scope="col" className="confusion-axis">
            {actualName}
          </th>
          {classes.map((name) => (
            <th scope="col" key={name}>
              {name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {classes.map((actual, a) => {
          const row = matrix[a] ?? [0, 0];
          const rowTotal = row[0] + row[1];
          return (
            <tr key={actual}>
              <th scope="row">{actual}</th>
              {classes.map((predicted, p) => {
                const count = row[p] ?? 0;
                const share = rowTotal === 0 ? 0 : count / rowTotal;
                const right = a === p;
                return (
                  <td
                    key={predicted}
                    className={right ? 'confusion-right' : 'confusion-wrong'}
                    style={{ '--share': `${Math.round(share * 100)}%` } as CSSProperties}
                  >
                    <strong>{count.toLocaleString()}</strong>
                    <span>
                      {rowTotal === 0 ? '—' : `${(share * 100).toFixed(0)} % of ${actual}`}
                    </span>
                    <span className="visually-hidden">{right ? ' (right)' : ' (wrong)'}</span>
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
      {total === 0 && (
        <tfoot>
          <tr>
            <td colSpan={3} className="hint">
              No labelled predictions yet.
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
