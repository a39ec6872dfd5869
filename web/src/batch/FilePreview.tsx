import { useId } from 'react';
import type { CsvTable } from '../batch-csv/parse-csv.ts';
import { ScrollRegion } from '../charts/ScrollRegion.tsx';

const previewRows = 5;

/** The chosen file before it runs: its size, its first rows, and which column holds the text. */
export function FilePreview({
  name,
  table,
  column,
  onColumn,
  onRemove,
}: {
  name: string;
  table: CsvTable;
  column: number;
  onColumn(column: number): void;
  onRemove(): void;
}) {
  const columnId = useId();
  const width = Math.max(
    table.header.length,
    ...table.rows.slice(0, previewRows).map((r) => r.length),
  );
  const columns = Array.from({ length: width }, (_, c) => table.header[c] || `column ${c + 1}`);
  return (
    <div className="file-preview" data-testid="file-preview">
      <div className="file-head">
        <p className="file-name">
          <strong>{name}</strong>{' '}
          <span className="hint">
            {table.rows.length.toLocaleString()} rows · {columns.length} columns
          </span>
        </p>
        <button type="button" onClick={onRemove}>
          Remove file
        </button>
      </div>
      <div className="setting">
        <label htmlFor={columnId}>Text column</label>
        <select
          id={columnId}
          value={column}
          onChange={(event) => onColumn(Number(event.target.value))}
        >
          {columns.map((name, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: header names may repeat; the index is the column
            <option key={index} value={index}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <ScrollRegion label={`First rows of ${name}`}>
        <table className="preview-table">
          <caption className="visually-hidden">
            First {previewRows} rows of {name}
          </caption>
          <thead>
            <tr>
              {columns.map((name, c) => (
                <th
                  // biome-ignore lint/suspicious/noArrayIndexKey: header names may repeat; the index is the column
                  key={c}
                  scope="col"
                  className={c === column ? 'chosen' : undefined}
                >
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.slice(0, previewRows).map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity but their place
              <tr key={r}>
                {columns.map((_, c) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a cell is its column
                  <td key={c} className={c === column ? 'chosen' : undefined}>
                    {row[c] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {table.rows.length > previewRows && (
        <p className="hint">
          The first {previewRows} of {table.rows.length.toLocaleString()} rows; every column is kept
          in the download.
        </p>
      )}
    </div>
  );
}
