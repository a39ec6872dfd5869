import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useMemo, useRef, useState } from 'react';
import { formatConfidence } from '../analyze/format-confidence.ts';
import { caveatCode } from '../batch-csv/export-csv.ts';
import { ScrollRegion } from '../charts/ScrollRegion.tsx';
import {
  type BatchRow,
  type RowFilter,
  type Sort,
  type SortKey,
  visibleRows,
} from './batch-rows.ts';

/** Each row is one line high and clipped, so the virtualiser can place rows without measuring. */
const rowHeight = 44; // px

const filters: Record<RowFilter, string> = {
  all: 'All',
  positive: 'Positive',
  negative: 'Negative',
  caveated: 'With a caveat',
  skipped: 'Skipped',
};

const columns: { key: SortKey | null; name: string }[] = [
  { key: 'row', name: 'Row' },
  { key: null, name: 'Review' },
  { key: 'label', name: 'Label' },
  { key: 'confidence', name: 'Confidence' },
];

/**
 * Every result, however many: only the rows in view are in the DOM. Sorting is by a header's
 * button, filtering by verdict and by words in the review.
 */
export function ResultsTable({ rows }: { rows: readonly BatchRow[] }) {
  const [filter, setFilter] = useState<RowFilter>('all');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<Sort>({ key: 'row', descending: false });
  const scroller = useRef<HTMLElement>(null);
  const filterId = useId();
  const searchId = useId();
  const shown = useMemo(
    () => visibleRows(rows, filter, search, sort),
    [rows, filter, search, sort],
  );
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  const sortBy = (key: SortKey) =>
    setSort((current) => ({
      key,
      descending: current.key === key ? !current.descending : key === 'confidence',
    }));

  return (
    <div className="results">
      <div className="results-tools">
        <div className="setting">
          <label htmlFor={filterId}>Show</label>
          <select
            id={filterId}
            value={filter}
            onChange={(event) => setFilter(event.target.value as RowFilter)}
          >
            {Object.entries(filters).map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="setting">
          <label htmlFor={searchId}>Find</label>
          <input
            id={searchId}
            type="search"
            value={search}
            placeholder="words in the review"
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <span className="hint" data-testid="results-shown" aria-live="polite">
          {shown.length.toLocaleString()} of {rows.length.toLocaleString()} rows
        </span>
      </div>
      <ScrollRegion label="Batch results" className="results-scroll" ref={scroller}>
        <table className="batch-table" aria-rowcount={shown.length + 1}>
          <caption className="visually-hidden">Batch results</caption>
          <thead>
            <tr>
              {columns.map(({ key, name }) => (
                <th
                  key={name}
                  scope="col"
                  aria-sort={
                    key && sort.key === key
                      ? sort.descending
                        ? 'descending'
                        : 'ascending'
                      : undefined
                  }
                >
                  {key ? (
                    <button type="button" className="sort" onClick={() => sortBy(key)}>
                      {name}
                      <span aria-hidden="true">
                        {sort.key === key ? (sort.descending ? ' ↓' : ' ↑') : ' ↕'}
                      </span>
                    </button>
                  ) : (
                    name
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {before > 0 && <tr style={{ height: before }} />}
            {items.map((item) => {
              const row = shown[item.index];
              if (!row) return null;
              const v = row.verdict;
              return (
                <tr key={row.row} style={{ height: rowHeight }} aria-rowindex={item.index + 2}>
                  <td className="cell-row">{row.row}</td>
                  <td className="cell-review" title={row.text}>
                    {row.text}
                  </td>
                  {typeof v === 'string' ? (
                    <td colSpan={2} className="hint">
                      skipped: {v === 'blank' ? 'no text' : 'not a valid review'}
                    </td>
                  ) : (
                    <>
                      <td>
                        <span className={`dot dot-${v.label}`} aria-hidden="true" /> {v.label}
                        {caveatCode(v) && (
                          <span className="hint"> ({caveatCode(v).replaceAll('_', ' ')})</span>
                        )}
                      </td>
                      <td className="cell-number">{formatConfidence(v.confidence)}</td>
                    </>
                  )}
                </tr>
              );
            })}
            {after > 0 && <tr style={{ height: after }} />}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
