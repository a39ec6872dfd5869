import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePolarityCsv } from '../src/data/labelled-files.ts';
import { loadDataset } from '../src/data/load-dataset.ts';
import type { DataError } from '../src/data/review-record.ts';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);

const review = (title: string, text?: string) =>
  `<review>\n<title>\n${title}\n</title>\n${text === undefined ? '' : `<review_text>\n${text}\n</review_text>\n`}</review>\n`;
const truncated = `<?xml version="1.0" encoding="UTF-8"?>\n<reviews>\n${review('Fine &amp; dandy', 'Works.')}<review>\n<title>\nBroken\n</title>\n<review_text>\nnever closed\n</reviews>\n`;

/**
 * Small hand-written data sets in the shared data's layout (`books/<polarity>.review`), each
 * malformed in one way; written per run so what they hold reads right here.
 */
const xmlSets: Record<string, Record<'negative' | 'positive', string>> = {
  'truncated-xml': { negative: truncated, positive: truncated },
  'missing-text-xml': {
    negative: `<reviews>\n${review('Good', 'Really good &amp; cheap.')}${review('No body here')}</reviews>\n`,
    positive: `<reviews>\n${review('Nice', 'Sturdy.')}</reviews>\n`,
  },
};
let scratch: string;
const xmlSet = (name: string) => join(scratch, name);

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'polarity-data-files-'));
  for (const [name, files] of Object.entries(xmlSets)) {
    await mkdir(join(scratch, name, 'books'), { recursive: true });
    for (const [polarity, xml] of Object.entries(files)) {
      await writeFile(join(scratch, name, 'books', `${polarity}.review`), xml);
    }
  }
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

function collectSkips() {
  const skipped: DataError[] = [];
  return { skipped, options: { skipBad: true, onSkip: (e: DataError) => skipped.push(e) } };
}

describe('data files', () => {
  it('names file and line of invalid XML', async () => {
    await expect(loadDataset(xmlSet('truncated-xml'), { skipBad: false })).rejects.toThrow(
      /truncated-xml\/books\/(negative|positive)\.review: line \d+: invalid XML/,
    );
  });

  it('fails on a review without text unless --skip-bad, which counts it', async () => {
    await expect(loadDataset(xmlSet('missing-text-xml'), { skipBad: false })).rejects.toThrow(
      /negative\.review: review 1: missing or empty <review_text>/,
    );
    const { skipped, options } = collectSkips();
    const records = await loadDataset(xmlSet('missing-text-xml'), options);
    expect(skipped).toHaveLength(1);
    expect(records.map((r) => r.text)).toEqual(['Good. Really good & cheap.', 'Nice. Sturdy.']);
  });

  it('reads Amazon Review Polarity CSV and rejects bad labels and quotes with their line', async () => {
    await expect(loadDataset(fixture('polarity-bad.csv'), { skipBad: true })).rejects.toThrow(
      /polarity-bad\.csv: line 4: unterminated quoted field/,
    );
    const { skipped, options } = collectSkips();
    const records = parsePolarityCsv(
      'p.csv',
      '"2","Great","Loved it\\\\nreally"\n"1","Bad","Broke"\n"3","Odd","x"\n',
      options,
    );
    expect(records.map((r) => [r.label, r.text])).toEqual([
      [1, 'Great. Loved it\nreally'],
      [0, 'Bad. Broke'],
    ]);
    expect(skipped.map((e) => e.message)).toEqual([
      'p.csv: line 3: field "label": expected 1 or 2, got "3"',
    ]);
  });

  it('reads text,label CSV and JSONL, pointing at bad lines', async () => {
    await expect(loadDataset(fixture('text-label-bad.csv'), { skipBad: false })).rejects.toThrow(
      /text-label-bad\.csv: line 4: field "label"/,
    );
    const csv = collectSkips();
    expect(
      (await loadDataset(fixture('text-label-bad.csv'), csv.options)).map((r) => r.label),
    ).toEqual([1, 0]);
    await expect(loadDataset(fixture('bad.jsonl'), { skipBad: false })).rejects.toThrow(
      /bad\.jsonl: line 3: invalid JSON/,
    );
    const jsonl = collectSkips();
    expect(await loadDataset(fixture('bad.jsonl'), jsonl.options)).toHaveLength(2);
    expect(jsonl.skipped.map((e) => e.location)).toEqual(['line 3', 'line 4']);
  });
});
