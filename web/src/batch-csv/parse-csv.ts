export interface CsvTable {
  header: string[];
  rows: string[][];
}

/**
 * RFC 4180 CSV: fields separated by `,` (or the given delimiter), optionally quoted, `""` is a
 * quote inside a quoted field, quoted fields may hold delimiters and line breaks, rows end in
 * LF or CRLF. A leading byte-order mark is ignored. The first row is the header.
 */
export function parseCsv(text: string, delimiter = ','): CsvTable {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  for (; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === delimiter) endField();
    else if (char === '\n') endRecord();
    else if (char === '\r' && text[i + 1] === '\n') {
      endRecord();
      i++;
    } else field += char;
  }
  if (quoted) throw new Error('CSV: a quoted field is not closed before the end of the file');
  if (field !== '' || record.length > 0) endRecord();
  const [header = [], ...rows] = records;
  return { header, rows };
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

/** The non-blank texts of one column. */
export function columnTexts({ rows }: CsvTable, column: number): string[] {
  return rows.map((row) => row[column] ?? '').filter((text) => text.trim() !== '');
}

/** Pasted text: one review per non-blank line. */
export function pastedTexts(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '');
}
