/** Recording rules, named level:metric:operation; dashboards and alerts read these. */

/** Model files are large and their latency is the network's, not the API's. */
const apiRequests = 'route!~".*/files/.*"';

const quantile = (q: number, by: string, metric: string, selector = '') =>
  `histogram_quantile(${q}, sum by (${by}, le) (rate(${metric}_bucket${selector ? `{${selector}}` : ''}[5m])))`;

/**
 * 5xx / all requests per job. `or … * 0` makes it 0, not absent, while nothing fails, so
 * dashboards show a flat line and `<` comparisons work.
 */
function errorRatio(metric: string, selector: string) {
  const all = `sum by (job) (rate(${metric}${selector ? `{${selector}}` : ''}[5m]))`;
  const failed = `sum by (job) (rate(${metric}{${selector ? `${selector},` : ''}status=~"5.."}[5m]))`;
  return `(${failed} or ${all} * 0) / ${all}`;
}

export const serviceRules = {
  name: 'polarity-service.rules',
  rules: [
    {
      record: 'job_route_status:http_requests:rate5m',
      expr: 'sum by (job, route, status) (rate(http_requests_total[5m]))',
    },
    { record: 'job:http_requests:rate5m', expr: 'sum by (job) (rate(http_requests_total[5m]))' },
    {
      record: 'job:http_requests_5xx:ratio_rate5m',
      expr: errorRatio('http_requests_total', ''),
    },
    ...[0.5, 0.95, 0.99].map((q) => ({
      record: `job:http_request_duration_seconds:p${Math.round(q * 100)}_5m`,
      expr: quantile(q, 'job', 'http_request_duration_seconds', apiRequests),
    })),
    {
      record: 'route:http_request_duration_seconds:p99_5m',
      expr: quantile(0.99, 'route', 'http_request_duration_seconds'),
    },
    {
      record: 'runtime:polarity_client_inference_duration_seconds:p95_5m',
      expr: quantile(0.95, 'runtime', 'polarity_client_inference_duration_seconds'),
    },
    {
      record: 'job:polarity_server_inference_duration_seconds:p95_5m',
      expr: quantile(0.95, 'job', 'polarity_server_inference_duration_seconds'),
    },
    {
      record: 'type_result:polarity_events_ingested:rate5m',
      expr: 'sum by (type, result) (rate(polarity_events_ingested_total[5m]))',
    },
    {
      record: 'job:polarity_events_5xx:ratio_rate5m',
      expr: errorRatio('http_requests_total', 'route="/api/events"'),
    },
    {
      record: 'type:polarity_outbox_lag_seconds:p95_5m',
      expr: quantile(0.95, 'type', 'polarity_outbox_lag_seconds'),
    },
  ],
};

export const modelQualityRules = {
  name: 'polarity-model-quality.rules',
  rules: [
    {
      record: 'model_version:polarity_model_accuracy_ratio:estimated_minus_measured_24h',
      expr:
        'max without (subset) (polarity_model_estimated_accuracy_ratio{window="24h",subset="with_feedback"})' +
        ' - polarity_model_accuracy_ratio{window="24h"}',
    },
    {
      record: 'model_version:polarity_prediction_drift_ratio:abs_deviation_24h',
      expr: 'abs(polarity_prediction_drift_ratio{window="24h"} - 1)',
    },
  ],
};
