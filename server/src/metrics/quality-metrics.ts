import { Counter, Gauge, Registry } from 'prom-client';

const versionLabels = ['model', 'version', 'window'] as const;

/**
 * Model-quality gauges, set by the monitor each cycle from Postgres (so several API replicas
 * do not each compute them). Ratios are 0–1; a figure with no denominator is left out.
 */
export function createQualityMetrics() {
  const registry = new Registry();
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Gauge<L>({ name, help, labelNames, registers: [registry] });
  const metrics = {
    accuracy: gauge(
      'polarity_model_accuracy_ratio',
      'Share of predictions with feedback that the feedback confirms.',
      versionLabels,
    ),
    f1Macro: gauge(
      'polarity_model_f1_macro_ratio',
      'Macro-averaged F1 over the classes, on predictions with feedback.',
      versionLabels,
    ),
    precision: gauge(
      'polarity_model_precision_ratio',
      'Precision per predicted class, on predictions with feedback.',
      [...versionLabels, 'class'],
    ),
    recall: gauge(
      'polarity_model_recall_ratio',
      'Recall per actual class, on predictions with feedback.',
      [...versionLabels, 'class'],
    ),
    predictionCount: gauge(
      'polarity_window_predictions',
      'Predictions in the window (shadow ones count for their own version).',
      versionLabels,
    ),
    feedbackCount: gauge(
      'polarity_window_feedback',
      'Predictions in the window that received feedback.',
      versionLabels,
    ),
    caveatedCount: gauge(
      'polarity_window_caveated_predictions',
      'Predictions in the window with a caveat, by caveat code (not_english rising is input drift).',
      [...versionLabels, 'code'],
    ),
    feedbackCoverage: gauge(
      'polarity_feedback_coverage_ratio',
      'Feedback count / prediction count.',
      versionLabels,
    ),
    confusion: gauge(
      'polarity_model_confusion_predictions',
      'Predictions with feedback by actual (feedback) and predicted label.',
      [...versionLabels, 'actual', 'predicted'],
    ),
    estimatedAccuracy: gauge(
      'polarity_model_estimated_accuracy_ratio',
      'Mean max-probability of predictions: all, or those with feedback.',
      [...versionLabels, 'subset'],
    ),
    positiveRate: gauge(
      'polarity_prediction_positive_ratio',
      'Share of predictions that are positive.',
      versionLabels,
    ),
    predictionDrift: gauge(
      'polarity_prediction_drift_ratio',
      'Positive rate / the training profile’s expected positive rate (1 = no drift).',
      versionLabels,
    ),
    inputDrift: gauge(
      'polarity_input_drift_psi',
      'Population stability index of an input feature against the training histogram.',
      [...versionLabels, 'feature'],
    ),
    modelInfo: gauge(
      'polarity_model_info',
      'Registry alias → version (value 1): champion and challenger.',
      ['model', 'alias', 'version'],
    ),
    cycleDuration: gauge(
      'polarity_monitor_cycle_duration_seconds',
      'Duration of the last quality computation cycle.',
      [],
    ),
    backfillRemaining: gauge(
      'polarity_monitor_backfill_remaining_seconds',
      'Span of the 7-day window whose predictions the monitor has yet to aggregate (its first cycles over a large database fill the week in newest first); 0 once whole. A window reaching further back is not published until then.',
      [],
    ),
    staleBuckets: gauge(
      'polarity_monitor_stale_buckets',
      "Minutes (per version) that received rows the monitor has yet to re-aggregate: a burst past one cycle's budget (a bulk import, a backlog of offline clients), caught up over the next cycles; 0 in steady state.",
      [],
    ),
    lastSuccess: gauge(
      'polarity_monitor_last_success_timestamp_seconds',
      'Unix time of the last successful quality cycle.',
      [],
    ),
    cycleFailures: new Counter({
      name: 'polarity_monitor_cycle_failures_total',
      help: 'Quality cycles that failed, by stage.',
      labelNames: ['stage'] as const,
      registers: [registry],
    }),
  } satisfies Record<string, Gauge<string> | Counter<string>>;
  return { registry, metrics };
}

export type QualityMetrics = ReturnType<typeof createQualityMetrics>['metrics'];
