import { caveatCodes, QualityResponse, type QualityWindow } from '@polarity/core/contracts';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populationStabilityIndex } from '../../src/monitor/population-stability.ts';
import { QualityMonitor } from '../../src/monitor/quality-monitor.ts';
import type { VersionFigures } from '../../src/monitor/quality-tracker.ts';
import { qualityRoutes } from '../../src/routes/quality.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { binOf, windowRows } from './recompute-quality.ts';
import {
  contradictFeedback,
  modelName,
  seedPredictions,
  seedTwoVersions,
  trainingProfile,
} from './seed-quality-rows.ts';

let database: TestDatabase;
let monitor: QualityMonitor;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTwoVersions(database.db, { version1: 3000, version2: 1500, version2Shadow: true });
  monitor = new QualityMonitor({ db: database.db, modelName });
  expect(await monitor.runCycle()).toBe(true);
});

afterAll(async () => {
  monitor.stop();
  await database?.drop();
});

/** A ratio recomputed from rows: undefined (null) when nothing is in its denominator. */
function expectRatio(actual: number | null, numerator: number, denominator: number) {
  if (denominator === 0) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(numerator / denominator, 9);
}

/** Every figure recomputed from the raw rows of the window, for one version. */
async function expectMatchesRows(window: QualityWindow, figures: VersionFigures[]) {
  const rows = await windowRows(database.db, window, monitor.tracker.computedAt!.toISOString());
  const versions = [...new Set(rows.map((row) => row.version))].sort();
  expect(figures.map((f) => f.version)).toEqual(versions);
  for (const f of figures) {
    const mine = rows.filter((row) => row.version === f.version);
    const judged = mine.filter((row) => row.feedback !== null);
    const count = (actual: string, predicted: string) =>
      judged.filter((row) => row.feedback === actual && row.label === predicted).length;
    const [nn, np, pn, pp] = [
      count('negative', 'negative'),
      count('negative', 'positive'),
      count('positive', 'negative'),
      count('positive', 'positive'),
    ];
    expect(f.predictions).toBe(mine.length);
    expect(f.caveated).toEqual(
      Object.fromEntries(
        caveatCodes.map((code) => [code, mine.filter((row) => row.caveat === code).length]),
      ),
    );
    expect(f.feedback).toBe(judged.length);
    expect(f.confusion).toEqual({
      negative_negative: nn,
      negative_positive: np,
      positive_negative: pn,
      positive_positive: pp,
    });
    expectRatio(f.accuracy, nn + pp, judged.length);
    expectRatio(f.feedback_coverage, judged.length, mine.length);
    expectRatio(f.classes.positive.precision, pp, pp + np);
    expectRatio(f.classes.positive.recall, pp, pp + pn);
    expectRatio(f.classes.negative.precision, nn, nn + pn);
    expectRatio(f.classes.negative.recall, nn, nn + np);
    const f1 = (tp: number, fp: number, fn: number) => (2 * tp) / (2 * tp + fp + fn);
    const classF1 = [f1(pp, np, pn), f1(nn, pn, np)].filter((value) => !Number.isNaN(value));
    expectRatio(
      f.f1_macro,
      classF1.reduce((sum, value) => sum + value, 0),
      judged.length === 0 ? 0 : classF1.length,
    );
    const confidence = (subset: typeof mine) =>
      subset.reduce((sum, row) => sum + row.confidence, 0);
    expectRatio(f.estimated_accuracy, confidence(mine), mine.length);
    expectRatio(f.estimated_accuracy_with_feedback, confidence(judged), judged.length);
    const positiveRate = mine.filter((row) => row.label === 'positive').length / mine.length;
    expect(f.positive_rate).toBeCloseTo(positiveRate, 9);
    if (f.version === '1') {
      expect(f.prediction_drift_ratio).toBeCloseTo(
        positiveRate / trainingProfile.expected_positive_rate,
        9,
      );
      const histogram = (edges: number[], values: number[]) => {
        const bins = new Array<number>(edges.length).fill(0);
        for (const value of values) bins[binOf(edges, value)]! += 1;
        return bins;
      };
      const lengths = histogram(
        trainingProfile.text_length_chars.edges,
        mine.map((row) => row.text_length),
      );
      const rates = histogram(
        trainingProfile.unknown_token_rate.edges,
        mine.flatMap((row) => (row.unknown_token_rate === null ? [] : [row.unknown_token_rate])),
      );
      expect(f.input_drift_psi.text_length).toBeCloseTo(
        populationStabilityIndex(lengths, trainingProfile.text_length_chars.counts)!,
        9,
      );
      expect(f.input_drift_psi.unknown_token_rate).toBeCloseTo(
        populationStabilityIndex(rates, trainingProfile.unknown_token_rate.counts)!,
        9,
      );
    } else {
      // Version 2 has no training profile: drift is unknown, never a made-up 0.
      expect(f.prediction_drift_ratio).toBeNull();
      expect(f.input_drift_psi).toEqual({ text_length: null, unknown_token_rate: null });
    }
  }
}

describe('quality figures', () => {
  it.each(['1h', '24h', '7d'] as const)(
    'match a recomputation from the rows over %s',
    async (window) => {
      await expectMatchesRows(window, monitor.tracker.figures(window));
    },
  );

  it('follows new rows incrementally, and wrong feedback drops only that version', async () => {
    const before = monitor.tracker.figures('24h');
    await seedPredictions(database.db, {
      version: '3',
      count: 400,
      spanMinutes: 30,
      feedbackShare: 0.5,
      agreeShare: 0.9,
    });
    await contradictFeedback(database.db, '2');
    expect(await monitor.runCycle()).toBe(true);
    const after = monitor.tracker.figures('24h');
    await expectMatchesRows('24h', after);
    await expectMatchesRows('1h', monitor.tracker.figures('1h'));
    const accuracy = (figures: VersionFigures[], version: string) =>
      figures.find((f) => f.version === version)?.accuracy;
    expect(accuracy(after, '2')).toBe(0);
    expect(accuracy(before, '2')).toBeGreaterThan(0.8);
    expect(accuracy(after, '1')).toBe(accuracy(before, '1'));
    expect(after.map((f) => f.version)).toContain('3');
  });

  it('publishes the gauges with model, version and window labels', async () => {
    const text = await monitor.registry.metrics();
    const accuracy = monitor.tracker.figures('7d').find((f) => f.version === '1')!.accuracy!;
    expect(text).toContain(
      `polarity_model_accuracy_ratio{model="${modelName}",version="1",window="7d"} ${accuracy}`,
    );
    expect(text).toMatch(
      /polarity_input_drift_psi\{model="polarity-sentiment",version="1",window="24h",feature="text_length"\} \d/,
    );
    expect(text).toMatch(
      /polarity_model_estimated_accuracy_ratio\{[^}]*version="2"[^}]*subset="with_feedback"\}/,
    );
    expect(text).not.toMatch(/polarity_input_drift_psi\{[^}]*version="2"/);
    const caveated = monitor.tracker.figures('7d').find((f) => f.version === '1')!.caveated;
    expect(caveated.not_english).toBeGreaterThan(0);
    expect(text).toContain(
      `polarity_window_caveated_predictions{model="${modelName}",version="1",window="7d",code="not_english"} ${caveated.not_english}`,
    );
  });
});

describe('GET /api/quality', () => {
  const app = () => new Hono().route('/api/quality', qualityRoutes(monitor));

  it('answers the figures of the window and hourly series, in the contract', async () => {
    const response = await app().request('/api/quality?window=1h');
    expect(response.status).toBe(200);
    const body = QualityResponse.parse(await response.json());
    expect(body.window).toBe('1h');
    await expectMatchesRows('1h', body.versions);
    const series = body.series.find((s) => s.version === '1')!;
    expect(series.points.reduce((sum, p) => sum + p.predictions, 0)).toBe(
      monitor.tracker.figures('7d').find((f) => f.version === '1')!.predictions,
    );
  });

  it('defaults to 24h and refuses an unknown window with 422 naming the field', async () => {
    expect(QualityResponse.parse(await (await app().request('/api/quality')).json()).window).toBe(
      '24h',
    );
    const response = await app().request('/api/quality?window=2d');
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { field: string } }).error.field).toBe('window');
  });
});
