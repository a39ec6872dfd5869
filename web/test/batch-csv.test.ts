import type { PredictionResult } from '@polarity/core/contracts';
import { describe, expect, it } from 'vitest';
import { csvCell, resultsCsv, toCsv } from '../src/batch-csv/export-csv.ts';
import { guessTextColumn, parseCsv, pastedTable } from '../src/batch-csv/parse-csv.ts';

describe('parseCsv (Papa Parse)', () => {
  it('reads quoted fields with delimiters, escaped quotes and line breaks', () => {
    // Rows end as the first row does (CRLF here); a bare LF inside quotes stays in the field.
    const table = parseCsv('id,review\r\n1,"Great, really ""great""\nsecond line"\r\n2,plain\r\n');
    expect(table.header).toEqual(['id', 'review']);
    expect(table.rows).toEqual([
      ['1', 'Great, really "great"\nsecond line'],
      ['2', 'plain'],
    ]);
  });

  it('keeps empty fields, skips blank lines and a byte-order mark', () => {
    const table = parseCsv('\ufeffa,b,c\n,x,\n\n1,,3');
    expect(table.header).toEqual(['a', 'b', 'c']);
    expect(table.rows).toEqual([
      ['', 'x', ''],
      ['1', '', '3'],
    ]);
  });

  it('finds a semicolon or tab delimiter, as spreadsheets in other locales write', () => {
    expect(parseCsv('id;review\n1;"ok; fine"').rows).toEqual([['1', 'ok; fine']]);
    expect(parseCsv('id\treview\n1\tgood').rows).toEqual([['1', 'good']]);
  });

  it('refuses an unterminated quoted field, naming the row', () => {
    expect(() => parseCsv('a\n"open')).toThrow(/quoted field is not closed \(row \d+\)/);
  });

  it('guesses the text column by name, else by length', () => {
    const table = parseCsv(
      'stars,title,review_text\n5,ok,Loved it\n1,meh,  \n2,bad,Broke in a day',
    );
    expect(guessTextColumn(table)).toBe(2);
    const unnamed = parseCsv('a,b\n1,a long review of the thing\n2,another long review');
    expect(guessTextColumn(unnamed)).toBe(1);
  });

  it('reads pasted text as a one-column table, one review per non-blank line', () => {
    expect(pastedTable('first\r\n\n  \nsecond\n')).toEqual({
      header: ['text'],
      rows: [['first'], ['second']],
    });
  });
});

const result = (label: 'positive' | 'negative', confidence: number, caveat?: string) =>
  ({
    id: '00000000-0000-4000-8000-000000000000',
    label,
    confidence,
    probabilities: { negative: 1 - confidence, positive: confidence },
    explanation: [],
    tokenCount: 3,
    unknownTokenRate: 0,
    model: { name: 'polarity-sentiment', version: '7' },
    runtime: 'wasm',
    latency_ms: 1,
    ...(caveat === undefined ? {} : { caveat: { code: caveat, message: '…' } }),
  }) as PredictionResult;

describe('CSV export', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const text of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx']) {
      expect(csvCell(text).replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(csvCell('fine = fine')).toBe('fine = fine');
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell(-0.5)).toBe('-0.5');
  });

  it('keeps every input column and row, in order, and adds the verdict', () => {
    const input = parseCsv(
      'id,stars,review,date\n' +
        'a1,5,"Loved it, truly",2026-01-02\n' +
        'a2,1,,2026-01-03\n' +
        'a3,2,"=HYPERLINK(""x"") junk",2026-01-04,extra\n',
    );
    const csv = resultsCsv(input, [
      result('positive', 0.987654321),
      'blank',
      result('negative', 0.75, 'too_short'),
    ]);
    const back = parseCsv(csv);
    expect(back.header).toEqual([
      'id',
      'stars',
      'review',
      'date',
      'column_5',
      'label',
      'confidence',
      'caveat',
      'model_version',
    ]);
    expect(back.rows).toEqual([
      ['a1', '5', 'Loved it, truly', '2026-01-02', '', 'positive', '0.987654', '', '7'],
      ['a2', '1', '', '2026-01-03', '', '', '', 'skipped: no text', ''],
      [
        'a3',
        '2',
        '\'=HYPERLINK("x") junk',
        '2026-01-04',
        'extra',
        'negative',
        '0.75',
        'too_short',
        '7',
      ],
    ]);
  });

  it('prefixes the added columns when the input already has one of their names', () => {
    const input = parseCsv('text,label\nfine,my own label\n');
    const back = parseCsv(resultsCsv(input, [result('positive', 0.9)]));
    expect(back.header).toEqual([
      'text',
      'label',
      'polarity_label',
      'polarity_confidence',
      'polarity_caveat',
      'polarity_model_version',
    ]);
    expect(back.rows[0]?.slice(0, 3)).toEqual(['fine', 'my own label', 'positive']);
  });

  it('quotes delimiters, quotes and line breaks, and round-trips through the parser', () => {
    const csv = toCsv(['text', 'n'], [['a "quoted", line\nbreak', 0.9]]);
    expect(parseCsv(csv).rows).toEqual([['a "quoted", line\nbreak', '0.9']]);
  });
});
