import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Latency buckets in seconds. The API's targets are p99 ≤ 10 ms (short texts) and ≤ 20 ms
 * (1,000-char reviews), so the buckets are dense below 50 ms and sparse above.
 */
const latencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** Client-side inference is a few ms warm (WASM) and up to seconds on a cold, slow device. */
const clientInferenceBuckets = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2];
/** Outbox lag: from instantly to days offline. */
const lagBuckets = [0.1, 1, 5, 30, 60, 300, 1800, 3600, 21_600, 86_400, 604_800];

/** The API process's metrics: one typed table, names carry their unit. */
export function createServiceMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics = {
    httpRequestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, route template and status.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: latencyBuckets,
      registers: [registry],
    }),
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by method, route template and status.',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    dbQueryErrors: new Counter({
      name: 'polarity_db_query_errors_total',
      help: 'Database queries that failed, by operation.',
      labelNames: ['operation'] as const,
      registers: [registry],
    }),
    deadLetters: new Counter({
      name: 'polarity_dead_letters_total',
      help: 'Rows the database refused although they passed validation, set aside in dead_letters.',
      labelNames: ['source'] as const,
      registers: [registry],
    }),
    eventsIngested: new Counter({
      name: 'polarity_events_ingested_total',
      help: 'Events received on /api/events by type and result.',
      labelNames: ['type', 'result'] as const,
      registers: [registry],
    }),
    outboxLag: new Histogram({
      name: 'polarity_outbox_lag_seconds',
      help: 'Server receive time minus client creation time of ingested events.',
      labelNames: ['type'] as const,
      buckets: lagBuckets,
      registers: [registry],
    }),
    serverInferenceDuration: new Histogram({
      name: 'polarity_server_inference_duration_seconds',
      help: 'Server-side inference time (tokenize + run + post-process) by model version.',
      labelNames: ['model_version'] as const,
      buckets: latencyBuckets,
      registers: [registry],
    }),
    clientInferenceDuration: new Histogram({
      name: 'polarity_client_inference_duration_seconds',
      help: 'Inference time reported by clients, by runtime and model version.',
      labelNames: ['runtime', 'model_version'] as const,
      buckets: clientInferenceBuckets,
      registers: [registry],
    }),
    predictions: new Counter({
      name: 'polarity_predictions_total',
      help: 'Predictions stored, by model version, label and runtime.',
      labelNames: ['model_version', 'label', 'runtime'] as const,
      registers: [registry],
    }),
    caveatedPredictions: new Counter({
      name: 'polarity_caveated_predictions_total',
      help: 'Predictions stored with a caveat, by model version and caveat code (a rise of not_english is input drift).',
      labelNames: ['model_version', 'code'] as const,
      registers: [registry],
    }),
    feedback: new Counter({
      name: 'polarity_feedback_total',
      help: 'Feedback stored, by model version and whether the prediction was correct.',
      labelNames: ['model_version', 'outcome'] as const,
      registers: [registry],
    }),
    artifactDownloads: new Counter({
      name: 'polarity_artifact_downloads_total',
      help: 'Model files served, by version and file.',
      labelNames: ['model_version', 'file'] as const,
      registers: [registry],
    }),
    artifactIntegrityFailures: new Counter({
      name: 'polarity_artifact_integrity_failures_total',
      help: 'Model files refused because their sha256 did not match the manifest.',
      labelNames: ['model_version', 'file'] as const,
      registers: [registry],
    }),
    registryDegraded: new Gauge({
      name: 'polarity_registry_degraded',
      help: '1 when the model registry cannot be reached and cached artifacts are served.',
      registers: [registry],
    }),
    servedModel: new Gauge({
      name: 'polarity_served_model_info',
      help: 'The model version this process runs for server-side inference (value 1).',
      labelNames: ['model', 'version'] as const,
      registers: [registry],
    }),
  } satisfies Record<string, Counter<string> | Histogram<string> | Gauge<string>>;
  return { registry, metrics };
}

type ServiceMetricsTable = ReturnType<typeof createServiceMetrics>;
export type ServiceMetrics = ServiceMetricsTable['metrics'];
