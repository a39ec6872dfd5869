import Papa from 'papaparse';

export interface CsvTable {
  header: string[];
  rows: string[][];
}

/**
 * Papa Parse's options for review files: rows as arrays (headers may repeat or be blank), the
 * delimiter guessed (`,` `;` tab `|`, as spreadsheets in other locales write them), rows of
 * blank fields skipped. Quoted fields may hold delimiters, `""` and line breaks (RFC 4180).
 */
export const csvOptions = { header: false, skipEmptyLines: 'greedy' } as const;

/** One of Papa Parse's errors, in the words the page shows. */
export function csvErrorMessage(error: Papa.ParseError): string {
  const where = error.row === undefined ? '' : ` (row ${error.row + 1})`;
  return error.code === 'MissingQuotes'
    ? `CSV: a quoted field is not closed${where}`
    : `CSV: ${error.message}${where}`;
}

/** Errors that leave the rows unreliable; a single-column file has no delimiter to detect. */
export const fatal = (error: Papa.ParseError) => error.code !== 'UndetectableDelimiter';

/** The first record is the header; a byte-order mark before it is not part of the first name. */
export function tableOf(records: string[][]): CsvTable {
  const [header = [], ...rows] = records;
  if (header[0]?.charCodeAt(0) === 0xfeff) header[0] = header[0].slice(1);
  return { header, rows };
}

/** A whole CSV text at once (the worker streams files; tests and small inputs use this). */
export function parseCsv(text: string): CsvTable {
  const result = Papa.parse<string[]>(text, csvOptions);
  const error = result.errors.find(fatal);
  if (error) throw new Error(csvErrorMessage(error));
  return tableOf(result.data);
}

/** The column most likely to hold review text: a telling name, else the longest on average. */
export function guessTextColumn({ header, rows }: CsvTable): number {
  const named = header.findIndex((name) =>
    /^(review_?)?(text|review|body|content|comment)$/i.test(name.trim()),
  );
  if (named >= 0) return named;
  let best = 0;
  let bestLength = -1;
  header.forEach((_, column) => {
    const length = rows.slice(0, 50).reduce((sum, row) => sum + (row[column]?.length ?? 0), 0);
    if (length > bestLength) {
      best = column;
      bestLength = length;
    }
  });
  return best;
}

/** Pasted text: one review per non-blank line, as a one-column table. */
export function pastedTable(text: string): CsvTable {
  return {
    header: ['text'],
    rows: text
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map((line) => [line]),
  };
}
