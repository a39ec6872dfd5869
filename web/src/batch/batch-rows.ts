import type { PredictionResult } from '@polarity/core/contracts';
import { caveatCode, type Skipped } from '../batch-csv/export-csv.ts';

/** One input row as the results table shows it. */
export interface BatchRow {
  /** 1-based, as a spreadsheet numbers the data rows */
  row: number;
  text: string;
  verdict: PredictionResult | Skipped;
}

export type RowFilter = 'all' | 'positive' | 'negative' | 'caveated' | 'skipped';
export type SortKey = 'row' | 'label' | 'confidence';
export interface Sort {
  key: SortKey;
  descending: boolean;
}

const confidenceOf = (row: BatchRow) =>
  typeof row.verdict === 'string' ? -1 : row.verdict.confidence;
const labelOf = (row: BatchRow) =>
  typeof row.verdict === 'string' ? `~${row.verdict}` : row.verdict.label;

function matches(row: BatchRow, filter: RowFilter, needle: string): boolean {
  const v = row.verdict;
  const kept =
    filter === 'all' ||
    (filter === 'skipped' && typeof v === 'string') ||
    (typeof v !== 'string' && (filter === 'caveated' ? caveatCode(v) !== '' : v.label === filter));
  return kept && (needle === '' || row.text.toLowerCase().includes(needle));
}

/** The rows to show, filtered by verdict and by words in the text, in the chosen order. */
export function visibleRows(
  rows: readonly BatchRow[],
  filter: RowFilter,
  search: string,
  sort: Sort,
): BatchRow[] {
  const needle = search.trim().toLowerCase();
  const kept = rows.filter((row) => matches(row, filter, needle));
  const key =
    sort.key === 'row'
      ? (r: BatchRow) => r.row
      : sort.key === 'confidence'
        ? confidenceOf
        : labelOf;
  const sign = sort.descending ? -1 : 1;
  return kept.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return (ka < kb ? -1 : ka > kb ? 1 : a.row - b.row) * sign;
  });
}

export interface Summary {
  classified: number;
  positive: number;
  negative: number;
  caveated: number;
  skipped: number;
  /** counts of confidence in [0.5, 0.6), [0.6, 0.7) … [0.9, 1.0] */
  histogram: number[];
}

export const histogramEdges = [0.5, 0.6, 0.7, 0.8, 0.9, 1];

export function summarise(rows: readonly BatchRow[]): Summary {
  const summary: Summary = {
    classified: 0,
    positive: 0,
    negative: 0,
    caveated: 0,
    skipped: 0,
    histogram: new Array(histogramEdges.length - 1).fill(0),
  };
  for (const { verdict } of rows) {
    if (typeof verdict === 'string') {
      summary.skipped++;
      continue;
    }
    summary.classified++;
    summary[verdict.label]++;
    if (caveatCode(verdict) !== '') summary.caveated++;
    const bin = Math.min(
      summary.histogram.length - 1,
      Math.max(0, Math.floor((verdict.confidence - 0.5) * 10)),
    );
    summary.histogram[bin]!++;
  }
  return summary;
}
