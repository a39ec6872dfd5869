import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseCsvRows } from './csv-rows.ts';
import {
  canonicalSplit,
  DataError,
  joinTitleAndBody,
  type LoadOptions,
  type ReviewRecord,
  rejectRecord,
} from './review-record.ts';

/** Labels accepted in plain `text,label` files. */
const labelNames: Record<string, 0 | 1> = {
  '0': 0,
  '1': 1,
  negative: 0,
  positive: 1,
  neg: 0,
  pos: 1,
};

function parseLabel(value: unknown): 0 | 1 | undefined {
  return labelNames[String(value).trim().toLowerCase()];
}

function domainOf(file: string): string {
  return basename(file).replace(/\.[^.]+$/, '');
}

/**
 * Amazon Review Polarity (Zhang et al. 2015): headerless `"label","title","text"`,
 * 1 = negative, 2 = positive, newlines written as a literal `\n`.
 */
export function parsePolarityCsv(
  file: string,
  content: string,
  options: LoadOptions,
): ReviewRecord[] {
  const records: ReviewRecord[] = [];
  for (const row of parseCsvRows(file, content)) {
    const [label, title, body] = row.fields;
    const where = `line ${row.line}`;
    if (row.fields.length !== 3 || title === undefined || body === undefined) {
      rejectRecord(
        new DataError(file, where, `expected 3 fields, got ${row.fields.length}`),
        options,
      );
      continue;
    }
    if (label !== '1' && label !== '2') {
      rejectRecord(
        new DataError(file, where, `field "label": expected 1 or 2, got "${label}"`),
        options,
      );
      continue;
    }
    // The dump writes newlines as `\n`, and some copies double the backslash.
    const unescapeNewlines = (s: string) => s.replace(/\\{1,2}n/g, '\n');
    const text = joinTitleAndBody(unescapeNewlines(title), unescapeNewlines(body));
    if (text === '') {
      rejectRecord(new DataError(file, where, 'empty title and text'), options);
      continue;
    }
    records.push(
      toRecord(
        file,
        records.length,
        text,
        unescapeNewlines(title).trim(),
        label === '2' ? 1 : 0,
        row.line,
      ),
    );
  }
  return records;
}

/** Plain CSV with a header naming `text` and `label` (optionally `title`). */
function parseTextLabelCsv(file: string, content: string, options: LoadOptions): ReviewRecord[] {
  const [header, ...rows] = parseCsvRows(file, content);
  const columns = header?.fields.map((name) => name.trim().toLowerCase()) ?? [];
  const textAt = columns.indexOf('text');
  const labelAt = columns.indexOf('label');
  const titleAt = columns.indexOf('title');
  if (textAt < 0 || labelAt < 0) {
    throw new DataError(file, 'line 1', 'header must name the columns "text" and "label"');
  }
  const records: ReviewRecord[] = [];
  for (const row of rows) {
    const where = `line ${row.line}`;
    if (row.fields.length !== columns.length) {
      rejectRecord(
        new DataError(file, where, `expected ${columns.length} fields, got ${row.fields.length}`),
        options,
      );
      continue;
    }
    const record = fromFields(
      file,
      where,
      row.fields[textAt],
      row.fields[labelAt],
      row.fields[titleAt],
      options,
    );
    if (record)
      records.push(
        toRecord(file, records.length, record.text, record.title, record.label, row.line),
      );
  }
  return records;
}

/** One JSON object per line with `text` and `label` (optionally `title`). */
export function parseJsonl(file: string, content: string, options: LoadOptions): ReviewRecord[] {
  const records: ReviewRecord[] = [];
  content.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      rejectRecord(
        new DataError(file, where, `invalid JSON: ${(error as Error).message}`),
        options,
      );
      return;
    }
    const object = (typeof value === 'object' && value !== null ? value : {}) as Record<
      string,
      unknown
    >;
    const record = fromFields(file, where, object.text, object.label, object.title, options);
    if (record)
      records.push(
        toRecord(file, records.length, record.text, record.title, record.label, index + 1),
      );
  });
  return records;
}

function fromFields(
  file: string,
  where: string,
  text: unknown,
  label: unknown,
  title: unknown,
  options: LoadOptions,
): { text: string; title: string; label: 0 | 1 } | undefined {
  const parsedLabel = parseLabel(label);
  if (typeof text !== 'string' || text.trim() === '') {
    rejectRecord(new DataError(file, where, 'field "text": missing or empty'), options);
    return undefined;
  }
  if (parsedLabel === undefined) {
    rejectRecord(
      new DataError(
        file,
        where,
        `field "label": expected 0/1/negative/positive, got ${JSON.stringify(label)}`,
      ),
      options,
    );
    return undefined;
  }
  const titleText = typeof title === 'string' ? title.trim() : '';
  return { text: joinTitleAndBody(titleText, text), title: titleText, label: parsedLabel };
}

function toRecord(
  file: string,
  index: number,
  text: string,
  title: string,
  label: 0 | 1,
  line: number,
): ReviewRecord {
  return {
    text,
    title,
    label,
    domain: domainOf(file),
    split: canonicalSplit(index),
    origin: `${file}:${line}`,
  };
}

export async function loadLabelledFile(
  file: string,
  options: LoadOptions,
): Promise<ReviewRecord[]> {
  const content = await readFile(file, 'utf8');
  if (file.endsWith('.jsonl') || file.endsWith('.ndjson'))
    return parseJsonl(file, content, options);
  const firstLine = content.slice(0, content.indexOf('\n') >>> 0).toLowerCase();
  if (/(^|,)\s*"?text"?\s*(,|$)/.test(firstLine) && /(^|,)\s*"?label"?\s*(,|$)/.test(firstLine)) {
    return parseTextLabelCsv(file, content, options);
  }
  return parsePolarityCsv(file, content, options);
}
