import type { PredictionResult } from '@polarity/core/contracts';
import { describe, expect, it } from 'vitest';
import { type BatchRow, summarise, visibleRows } from '../src/batch/batch-rows.ts';

const verdict = (label: 'positive' | 'negative', confidence: number, caveat = false) =>
  ({
    label,
    confidence,
    model: { name: 'm', version: '1' },
    ...(caveat ? { caveat: { code: 'too_short', message: '…' } } : {}),
  }) as unknown as PredictionResult;

const rows: BatchRow[] = [
  { row: 1, text: 'Great blender', verdict: verdict('positive', 0.95) },
  { row: 2, text: 'Broke in a day', verdict: verdict('negative', 0.72) },
  { row: 3, text: '', verdict: 'blank' },
  { row: 4, text: 'ok', verdict: verdict('positive', 0.55, true) },
];

describe('batch rows', () => {
  it('filters by verdict and by words, case-insensitively', () => {
    const by = (filter: Parameters<typeof visibleRows>[1], search = '') =>
      visibleRows(rows, filter, search, { key: 'row', descending: false }).map((r) => r.row);
    expect(by('all')).toEqual([1, 2, 3, 4]);
    expect(by('positive')).toEqual([1, 4]);
    expect(by('negative')).toEqual([2]);
    expect(by('caveated')).toEqual([4]);
    expect(by('skipped')).toEqual([3]);
    expect(by('all', 'BROKE')).toEqual([2]);
  });

  it('sorts by confidence, label or row, either way, skipped rows last by confidence', () => {
    const order = (key: 'row' | 'label' | 'confidence', descending: boolean) =>
      visibleRows(rows, 'all', '', { key, descending }).map((r) => r.row);
    expect(order('confidence', true)).toEqual([1, 2, 4, 3]);
    expect(order('confidence', false)).toEqual([3, 4, 2, 1]);
    expect(order('label', false)).toEqual([2, 1, 4, 3]);
    expect(order('row', true)).toEqual([4, 3, 2, 1]);
  });

  it('summarises counts and a confidence histogram', () => {
    expect(summarise(rows)).toEqual({
      classified: 3,
      positive: 2,
      negative: 1,
      caveated: 1,
      skipped: 1,
      histogram: [1, 0, 1, 0, 1],
    });
  });
});
