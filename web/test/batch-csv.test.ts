import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../src/batch-csv/export-csv.ts';
import { columnTexts, guessTextColumn, parseCsv, pastedTexts } from '../src/batch-csv/parse-csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, escaped quotes and line breaks', () => {
    const table = parseCsv('id,review\r\n1,"Great, really ""great""\nsecond line"\r\n2,plain\n');
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

  it('refuses an unterminated quoted field', () => {
    expect(() => parseCsv('a\n"open')).toThrow(/not closed/);
  });

  it('lets the caller choose the text column, guessing a sensible default', () => {
    const table = parseCsv(
      'stars,title,review_text\n5,ok,Loved it\n1,meh,  \n2,bad,Broke in a day',
    );
    expect(guessTextColumn(table)).toBe(2);
    expect(columnTexts(table, 2)).toEqual(['Loved it', 'Broke in a day']);
    expect(columnTexts(table, 1)).toEqual(['ok', 'meh', 'bad']);
    const unnamed = parseCsv('a,b\n1,a long review of the thing\n2,another long review');
    expect(guessTextColumn(unnamed)).toBe(1);
  });

  it('reads pasted text as one review per non-blank line', () => {
    expect(pastedTexts('first\r\n\n  \nsecond\n')).toEqual(['first', 'second']);
  });
});

describe('CSV export', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const text of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx']) {
      expect(csvCell(text).replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(csvCell('fine = fine')).toBe('fine = fine');
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell(-0.5)).toBe('-0.5');
  });

  it('quotes delimiters, quotes and line breaks, and round-trips through the parser', () => {
    const rows = [
      ['a "quoted", line\nbreak', 'positive', 0.9],
      ['=HYPERLINK("x")', 'negative', 0.75],
    ];
    const csv = toCsv(['text', 'label', 'confidence'], rows);
    const back = parseCsv(csv);
    expect(back.header).toEqual(['text', 'label', 'confidence']);
    expect(back.rows).toEqual([
      ['a "quoted", line\nbreak', 'positive', '0.9'],
      ['\'=HYPERLINK("x")', 'negative', '0.75'],
    ]);
  });
});
