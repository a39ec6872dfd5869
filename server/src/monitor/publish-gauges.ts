import { caveatCodes, type QualityWindow } from '@polarity/core/contracts';
import type { QualityMetrics } from '../metrics/quality-metrics.ts';
import type { AliasedVersion } from './model-aliases.ts';
import type { VersionFigures } from './quality-tracker.ts';

const classes = ['negative', 'positive'] as const;

/**
 * Replaces every quality gauge with this cycle's figures. Resetting first drops the series of
 * versions that left a window; the whole swap is synchronous, so no scrape sees half of it.
 */
export function publishGauges(
  metrics: QualityMetrics,
  figuresByWindow: [QualityWindow, VersionFigures[]][],
  aliases: AliasedVersion[] | undefined,
): void {
  const perWindow = [
    metrics.accuracy,
    metrics.f1Macro,
    metrics.precision,
    metrics.recall,
    metrics.predictionCount,
    metrics.feedbackCount,
    metrics.caveatedCount,
    metrics.feedbackCoverage,
    metrics.confusion,
    metrics.estimatedAccuracy,
    metrics.positiveRate,
    metrics.predictionDrift,
    metrics.inputDrift,
  ];
  for (const gauge of perWindow) gauge.reset();
  const setIf = (value: number | null, set: (value: number) => void) => {
    if (value !== null) set(value);
  };
  for (const [window, figures] of figuresByWindow) {
    for (const f of figures) {
      const labels = { model: f.model, version: f.version, window };
      setIf(f.accuracy, (v) => metrics.accuracy.set(labels, v));
      setIf(f.f1_macro, (v) => metrics.f1Macro.set(labels, v));
      for (const name of classes) {
        setIf(f.classes[name].precision, (v) =>
          metrics.precision.set({ ...labels, class: name }, v),
        );
        setIf(f.classes[name].recall, (v) => metrics.recall.set({ ...labels, class: name }, v));
      }
      metrics.predictionCount.set(labels, f.predictions);
      metrics.feedbackCount.set(labels, f.feedback);
      for (const code of caveatCodes)
        metrics.caveatedCount.set({ ...labels, code }, f.caveated[code]);
      setIf(f.feedback_coverage, (v) => metrics.feedbackCoverage.set(labels, v));
      for (const actual of classes) {
        for (const predicted of classes) {
          metrics.confusion.set(
            { ...labels, actual, predicted },
            f.confusion[`${actual}_${predicted}`],
          );
        }
      }
      setIf(f.estimated_accuracy, (v) =>
        metrics.estimatedAccuracy.set({ ...labels, subset: 'all' }, v),
      );
      setIf(f.estimated_accuracy_with_feedback, (v) =>
        metrics.estimatedAccuracy.set({ ...labels, subset: 'with_feedback' }, v),
      );
      setIf(f.positive_rate, (v) => metrics.positiveRate.set(labels, v));
      setIf(f.prediction_drift_ratio, (v) => metrics.predictionDrift.set(labels, v));
      setIf(f.input_drift_psi.text_length, (v) =>
        metrics.inputDrift.set({ ...labels, feature: 'text_length' }, v),
      );
      setIf(f.input_drift_psi.unknown_token_rate, (v) =>
        metrics.inputDrift.set({ ...labels, feature: 'unknown_token_rate' }, v),
      );
    }
  }
  if (aliases) {
    metrics.modelInfo.reset();
    for (const { model, alias, version } of aliases)
      metrics.modelInfo.set({ model, alias, version }, 1);
  }
}
