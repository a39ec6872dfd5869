import type { PredictionResult } from '@polarity/core/contracts';
import type { CsvTable } from './parse-csv.ts';

/**
 * Spreadsheets run a cell starting with one of these as a formula (CSV injection); a leading
 * quote makes them show it as text. Tab and carriage return start formulas in some too.
 */
const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  return [header, ...rows]
    .map((row) => row.map(csvCell).join(','))
    .join('\r\n')
    .concat('\r\n');
}

/** The caveat a prediction carries; empty when it has none. */
export function caveatCode(result: PredictionResult): string {
  return result.caveat?.code ?? '';
}

/** Why an input row got no verdict. */
export type Skipped = 'blank' | 'invalid';

const added = ['label', 'confidence', 'caveat', 'model_version'] as const;

/**
 * The input table with the verdict appended to every row, in the input's order, so the results
 * join back on whatever the input carried (ids, ratings, dates). Rows that were not classified
 * stay, with an empty label and the reason in `caveat`. Added columns take a `polarity_` prefix
 * when the input already has a column of that name.
 */
export function resultsCsv(
  input: CsvTable,
  verdicts: readonly (PredictionResult | Skipped)[],
): string {
  // Rows longer than the header keep their extra cells, under generated names.
  const width = Math.max(input.header.length, ...input.rows.map((row) => row.length));
  const names = Array.from({ length: width }, (_, c) => input.header[c] ?? `column_${c + 1}`);
  const clash = added.some((name) => names.includes(name));
  const header = [...names, ...added.map((name) => (clash ? `polarity_${name}` : name))];
  const rows = input.rows.map((row, i) => {
    const cells: (string | number)[] = Array.from({ length: width }, (_, c) => row[c] ?? '');
    const verdict = verdicts[i] ?? 'blank';
    if (typeof verdict === 'string') {
      cells.push(
        '',
        '',
        verdict === 'blank' ? 'skipped: no text' : 'skipped: not a valid review',
        '',
      );
    } else {
      cells.push(
        verdict.label,
        Number(verdict.confidence.toFixed(6)),
        caveatCode(verdict),
        verdict.model.version,
      );
    }
    return cells;
  });
  return toCsv(header, rows);
}
