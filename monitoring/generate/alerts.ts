import { thresholds as t } from './thresholds.ts';

/** monitoring/runbook.md where the repository is published; each alert has a heading of its name. */
const runbookUrl = 'https://github.com/polarity-mlops/polarity/blob/main/monitoring/runbook.md';
const runbook = (alert: string) => `${runbookUrl}#${alert.toLowerCase()}`;

interface Alert {
  alert: string;
  expr: string;
  for: string;
  severity: 'critical' | 'warning';
  summary: string;
  description: string;
}

const rule = (a: Alert) => ({
  alert: a.alert,
  expr: a.expr,
  for: a.for,
  labels: { severity: a.severity },
  annotations: { summary: a.summary, description: a.description, runbook_url: runbook(a.alert) },
});

export const serviceAlerts = {
  name: 'polarity-service.alerts',
  rules: [
    rule({
      alert: 'HighLatency',
      expr: `job:http_request_duration_seconds:p99_5m{job="polarity-api"} > ${t.latencyP99Seconds}`,
      for: t.latencyFor,
      severity: 'warning',
      summary: 'API p99 latency above {{ $value | humanizeDuration }}',
      description: `The 99th percentile of API request duration (model downloads excluded) has been above ${t.latencyP99Seconds * 1000} ms for ${t.latencyFor} ({{ $labels.job }}).`,
    }),
    rule({
      alert: 'HighErrorRate',
      expr: `job:http_requests_5xx:ratio_rate5m{job="polarity-api"} > ${t.errorRatio} and job:http_requests:rate5m{job="polarity-api"} > ${t.minRequestRate}`,
      for: t.errorFor,
      severity: 'critical',
      summary: '{{ $value | humanizePercentage }} of API requests fail with 5xx',
      description: `More than ${t.errorRatio * 100}% of requests to {{ $labels.job }} answered 5xx for ${t.errorFor}.`,
    }),
    rule({
      alert: 'IngestionFailing',
      expr: `job:polarity_events_5xx:ratio_rate5m > ${t.ingestionErrorRatio}`,
      for: t.ingestionFor,
      severity: 'critical',
      summary: '{{ $value | humanizePercentage }} of event uploads fail',
      description: `More than ${t.ingestionErrorRatio * 100}% of POST /api/events requests answered 5xx for ${t.ingestionFor}: predictions and feedback pile up in client outboxes.`,
    }),
    rule({
      alert: 'RowsDeadLettered',
      expr: `sum by (job, source) (increase(polarity_dead_letters_total[${t.deadLetterWindow}])) > 0`,
      for: '0m',
      severity: 'warning',
      summary: '{{ $value | humanize }} {{ $labels.source }} rows refused by the database',
      description: `Postgres refused rows that passed validation in the last ${t.deadLetterWindow} ({{ $labels.source }}); they were set aside in the dead_letters table instead of being stored. The rest of their batches was stored.`,
    }),
    rule({
      alert: 'TargetDown',
      expr: 'up{job=~"polarity-.*"} == 0',
      for: t.targetDownFor,
      severity: 'critical',
      summary: '{{ $labels.job }} at {{ $labels.instance }} is down',
      description: `Prometheus has not been able to scrape {{ $labels.instance }} (job {{ $labels.job }}) for ${t.targetDownFor}.`,
    }),
  ],
};

export const modelAlerts = {
  name: 'polarity-model-quality.alerts',
  rules: [
    rule({
      alert: 'ModelAccuracyDegradation',
      expr: `polarity_model_accuracy_ratio{window="24h"} < ${t.accuracyMin} and polarity_window_feedback{window="24h"} >= ${t.accuracyMinFeedback}`,
      for: t.accuracyFor,
      severity: 'warning',
      summary:
        'Model {{ $labels.model }} v{{ $labels.version }} accuracy {{ $value | humanizePercentage }}',
      description: `Measured accuracy over 24 h is below ${t.accuracyMin * 100}% with at least ${t.accuracyMinFeedback} pieces of feedback, for ${t.accuracyFor}.`,
    }),
    rule({
      alert: 'PredictionDrift',
      expr: `model_version:polarity_prediction_drift_ratio:abs_deviation_24h > ${t.predictionDriftDeviation} and polarity_window_predictions{window="24h"} >= ${t.driftMinPredictions}`,
      for: t.predictionDriftFor,
      severity: 'warning',
      summary:
        'Model {{ $labels.model }} v{{ $labels.version }} predicts a different positive rate than in training',
      description: `The positive rate over 24 h is more than ${t.predictionDriftDeviation * 100}% away from the training profile's expected positive rate, over at least ${t.driftMinPredictions} predictions, for ${t.predictionDriftFor}.`,
    }),
    rule({
      alert: 'InputDrift',
      expr: `polarity_input_drift_psi{window="24h"} > ${t.inputDriftPsi} and on (job, instance, model, version, window) polarity_window_predictions{window="24h"} >= ${t.driftMinPredictions}`,
      for: t.inputDriftFor,
      severity: 'warning',
      summary:
        'Reviews sent to v{{ $labels.version }} differ from training ({{ $labels.feature }} PSI {{ $value | printf "%.2f" }})',
      description: `The population stability index of {{ $labels.feature }} over 24 h is above ${t.inputDriftPsi}, over at least ${t.driftMinPredictions} predictions, for ${t.inputDriftFor}.`,
    }),
    rule({
      alert: 'FeedbackStalled',
      expr: `sum(increase(polarity_predictions_total[2h])) > ${t.feedbackStalledMinPredictions} and (sum(increase(polarity_feedback_total[2h])) or vector(0)) == 0`,
      for: t.feedbackStalledFor,
      severity: 'warning',
      summary: 'No feedback stored in 2 h despite predictions',
      description: `More than ${t.feedbackStalledMinPredictions} predictions were stored over 2 h and not one piece of feedback, for ${t.feedbackStalledFor}: accuracy can no longer be measured.`,
    }),
    rule({
      alert: 'QualityMonitorStale',
      expr: `time() - polarity_monitor_last_success_timestamp_seconds > ${t.monitorStaleSeconds}`,
      for: t.monitorStaleFor,
      severity: 'warning',
      summary: 'Model-quality gauges have not been refreshed for {{ $value | humanizeDuration }}',
      description: `The monitor's last successful quality cycle is more than ${t.monitorStaleSeconds} s old: every model-quality figure and alert is stale.`,
    }),
  ],
};
