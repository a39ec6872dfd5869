import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { ratioTimeseries, stat, timeseries } from './panels.ts';

export function serviceDashboard() {
  return new DashboardBuilder('Polarity · Service')
    .uid('polarity-service')
    .tags(['polarity', 'generated'])
    .refresh('30s')
    .time({ from: 'now-6h', to: 'now' })
    .timezone('browser')
    .withRow(new RowBuilder('Traffic and errors'))
    .withPanel(
      stat('Requests per second', 'reqps', [
        ['sum(job:http_requests:rate5m{job="polarity-api"})', 'requests/s'],
      ]),
    )
    .withPanel(
      stat('5xx ratio', 'percentunit', [
        ['max(job:http_requests_5xx:ratio_rate5m{job="polarity-api"})', '5xx'],
      ]),
    )
    .withPanel(
      stat('p99 latency', 's', [
        ['max(job:http_request_duration_seconds:p99_5m{job="polarity-api"})', 'p99'],
      ]),
    )
    .withPanel(stat('Targets up', 'none', [['sum(up{job=~"polarity-.*"})', 'up']]))
    .withPanel(
      stat(
        'Model registry degraded',
        'none',
        [['max(polarity_registry_degraded)', 'degraded']],
        '1 = MLflow unreachable: the last verified model files are served from the cache.',
      ),
    )
    .withPanel(
      timeseries('Requests by route and status', 'reqps', [
        [
          'sum by (route, status) (job_route_status:http_requests:rate5m{job="polarity-api"})',
          '{{route}} {{status}}',
        ],
      ]),
    )
    .withPanel(
      ratioTimeseries('Error ratio (5xx)', [
        ['job:http_requests_5xx:ratio_rate5m{job="polarity-api"}', '{{instance}}'],
      ]),
    )
    .withRow(new RowBuilder('Latency'))
    .withPanel(
      timeseries(
        'Request latency percentiles',
        's',
        [
          ['job:http_request_duration_seconds:p50_5m{job="polarity-api"}', 'p50'],
          ['job:http_request_duration_seconds:p95_5m{job="polarity-api"}', 'p95'],
          ['job:http_request_duration_seconds:p99_5m{job="polarity-api"}', 'p99'],
        ],
        'Model file downloads excluded: their time is the network’s.',
      ),
    )
    .withPanel(
      timeseries('p99 latency by route', 's', [
        ['route:http_request_duration_seconds:p99_5m', '{{route}}'],
      ]),
    )
    .withRow(new RowBuilder('Inference'))
    .withPanel(
      timeseries(
        'Inference p95: client vs server',
        's',
        [
          ['runtime:polarity_client_inference_duration_seconds:p95_5m', 'client {{runtime}}'],
          ['job:polarity_server_inference_duration_seconds:p95_5m', 'server'],
        ],
        'Client figures are what browsers report with each prediction; server is /api/predict.',
      ),
    )
    .withPanel(
      timeseries('Predictions by runtime', 'ops', [
        ['sum by (runtime) (rate(polarity_predictions_total[5m]))', '{{runtime}}'],
      ]),
    )
    .withRow(new RowBuilder('Ingestion'))
    .withPanel(
      timeseries('Events ingested by type and result', 'ops', [
        ['type_result:polarity_events_ingested:rate5m', '{{type}} {{result}}'],
      ]),
    )
    .withPanel(
      timeseries(
        'Outbox lag p95',
        's',
        [['type:polarity_outbox_lag_seconds:p95_5m', '{{type}}']],
        'Server receive time minus the client’s creation time: how long events wait in offline outboxes.',
      ),
    )
    .withPanel(
      timeseries('Feedback by outcome', 'ops', [
        ['sum by (outcome) (rate(polarity_feedback_total[5m]))', '{{outcome}}'],
      ]),
    )
    .withRow(new RowBuilder('Process'))
    .withPanel(
      timeseries('Resident memory', 'bytes', [
        ['process_resident_memory_bytes{job=~"polarity-.*"}', '{{job}}'],
      ]),
    )
    .withPanel(
      timeseries('Event loop lag p99', 's', [
        ['nodejs_eventloop_lag_p99_seconds{job=~"polarity-.*"}', '{{job}}'],
      ]),
    );
}
