import type { QualitySeries, VersionQuality } from '@polarity/core/contracts';
import { describe, expect, it } from 'vitest';
import { comparisonVerdict } from '../src/quality/compare.ts';
import { driftSentence, shiftOf } from '../src/quality/drift.ts';
import { measuredAccuracy, servedVersions } from '../src/quality/figures.ts';
import { hourlyTable } from '../src/quality/hourly-series.ts';
import { wilsonInterval } from '../src/quality/wilson.ts';

describe('wilsonInterval', () => {
  it('matches published values (Newcombe 1998, table I)', () => {
    // 81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605
    const a = wilsonInterval(81, 263)!;
    expect(a.low).toBeCloseTo(0.2553, 4);
    expect(a.high).toBeCloseTo(0.3662, 4);
    const b = wilsonInterval(15, 148)!;
    expect(b.low).toBeCloseTo(0.0624, 4);
    expect(b.high).toBeCloseTo(0.1605, 4);
  });

  it('stays inside [0, 1] at the edges and is wide for few trials', () => {
    const none = wilsonInterval(0, 5)!;
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.4345, 3);
    const all = wilsonInterval(5, 5)!;
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(0.5655, 3);
    // 2 of 5 right: the page must not present "40 %" as a fact.
    const few = wilsonInterval(2, 5)!;
    expect(few.high - few.low).toBeGreaterThan(0.6);
  });

  it('is null without trials and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(6, 5)).toThrow(/outside 0…5/);
  });
});

const version = (overrides: Partial<VersionQuality>): VersionQuality => ({
  model: 'm',
  version: '1',
  aliases: ['champion'],
  predictions: 100,
  feedback: 0,
  feedback_coverage: 0,
  accuracy: null,
  f1_macro: null,
  classes: {
    negative: { precision: null, recall: null, f1: null },
    positive: { precision: null, recall: null, f1: null },
  },
  confusion: {
    negative_negative: 0,
    negative_positive: 0,
    positive_negative: 0,
    positive_positive: 0,
  },
  estimated_accuracy: 0.9,
  estimated_accuracy_with_feedback: null,
  positive_rate: 0.5,
  baseline_positive_rate: 0.5,
  prediction_drift_ratio: 1,
  input_drift_psi: { text_length: 0.02, unknown_token_rate: 0.01 },
  caveated: { not_english: 0, mostly_unknown_words: 0, too_short: 0, low_confidence: 0 },
  ...overrides,
});

describe('measured accuracy and comparisons', () => {
  it('counts labels from the confusion counts and needs 30 of them', () => {
    const few = measuredAccuracy(
      version({
        confusion: {
          negative_negative: 1,
          negative_positive: 2,
          positive_negative: 1,
          positive_positive: 1,
        },
      }),
    );
    expect(few).toMatchObject({ labels: 5, correct: 2, accuracy: 0.4, enough: false });
    const many = measuredAccuracy(
      version({
        confusion: {
          negative_negative: 20,
          negative_positive: 2,
          positive_negative: 3,
          positive_positive: 25,
        },
      }),
    );
    expect(many).toMatchObject({ labels: 50, correct: 45, enough: true });
    expect(comparisonVerdict(few, many)).toMatch(/Too few labels/);
    expect(comparisonVerdict(many, many)).toMatch(/no real difference/);
  });
});

describe('servedVersions', () => {
  it('keeps the served model only, champion first, then challenger, then newest', () => {
    const order = servedVersions([
      version({ version: '1', aliases: [] }),
      version({ version: '3', aliases: ['challenger'] }),
      version({ model: 'old-model', version: '9', aliases: [] }),
      version({ version: '2', aliases: ['champion'] }),
      version({ version: '4', aliases: [] }),
    ]).map((v) => v.version);
    expect(order).toEqual(['2', '3', '4', '1']);
  });
});

describe('drift', () => {
  it('reads PSI by the usual thresholds', () => {
    expect(shiftOf(0.05)).toBe('stable');
    expect(shiftOf(0.2)).toBe('moderate');
    expect(shiftOf(0.4)).toBe('major');
    expect(shiftOf(null)).toBe('unknown');
  });

  it('says in words what the figures mean, caveats included when present', () => {
    expect(driftSentence(version({}))).toMatch(/look like the ones the model was trained on/);
    const drifted = version({
      input_drift_psi: { text_length: 0.4, unknown_token_rate: 0.02 },
      positive_rate: 0.8,
      prediction_drift_ratio: 1.6,
    });
    expect(driftSentence(drifted)).toMatch(/differ clearly .*in length/);
    expect(driftSentence(drifted)).toMatch(
      /more reviews positive than in training \(80 % against 50 %\)/,
    );
    const caveated = version({
      caveated: { not_english: 9, mostly_unknown_words: 0, too_short: 1, low_confidence: 0 },
    });
    expect(driftSentence(caveated)).toMatch(
      /10 % of reviews came with a caveat, mostly not English/,
    );
  });
});

describe('hourlyTable', () => {
  it('gives every hour a column and leaves hours without data as gaps', () => {
    const now = new Date('2026-12-05T10:20:00Z');
    const point = (hour: string, feedback: number, accuracy: number | null) => ({
      hour,
      predictions: 10,
      feedback,
      accuracy,
      f1_macro: accuracy,
    });
    const series: QualitySeries[] = [
      {
        model: 'm',
        version: '1',
        points: [
          point('2026-12-05T03:00:00.000Z', 4, 0.75),
          point('2026-12-05T07:00:00+00:00', 0, null),
          point('2026-12-05T10:00:00.000Z', 2, 0.5),
          // older than the span: not drawn
          point('2026-12-04T01:00:00.000Z', 2, 1),
        ],
      },
    ];
    const table = hourlyTable(series, now, 8);
    expect(table.hours).toHaveLength(8);
    expect(new Date(table.hours[0]! * 1000).toISOString()).toBe('2026-12-05T03:00:00.000Z');
    expect(new Date(table.hours[7]! * 1000).toISOString()).toBe('2026-12-05T10:00:00.000Z');
    // hours 04–06, 08, 09 had nothing; 07 had predictions but no labels: all gaps in accuracy
    expect(table.accuracy[0]).toEqual([0.75, null, null, null, null, null, null, 0.5]);
    expect(table.feedback[0]).toEqual([4, null, null, null, 0, null, null, 2]);
  });
});
