/**
 * Every alert threshold, in one place. Change a number here, run
 * `npm run monitoring:generate`, and commit the regenerated YAML with its promtool tests.
 */
export const thresholds = {
  /** p99 of API requests (model file downloads excluded), seconds. Predict targets ≤ 20 ms; 250 ms is a visible wait. */
  latencyP99Seconds: 0.25,
  latencyFor: '10m',
  /** Share of requests answered 5xx. 5% means one user in twenty sees an error. */
  errorRatio: 0.05,
  /** Requests per second below which an error ratio is noise (one failure out of three requests). */
  minRequestRate: 0.05,
  errorFor: '5m',
  /** Measured accuracy over 24 h. The shipped model tests at ~0.88; 0.80 is a clear regression. */
  accuracyMin: 0.8,
  /** Feedback needed before accuracy means anything: 3 votes must never page anyone. */
  accuracyMinFeedback: 50,
  accuracyFor: '30m',
  /** |positive rate / training's expected positive rate − 1| over 24 h: 0.3 = 30 % more or fewer positives. */
  predictionDriftDeviation: 0.3,
  /** Predictions needed in the window before drift figures are trusted. */
  driftMinPredictions: 200,
  predictionDriftFor: '1h',
  /** Population stability index of an input feature; > 0.25 is the conventional "population shifted". */
  inputDriftPsi: 0.25,
  inputDriftFor: '1h',
  /** Predictions stored over 2 h with no feedback at all: the 👍/👎 path is broken. */
  feedbackStalledMinPredictions: 100,
  feedbackStalledFor: '30m',
  /** Share of /api/events requests failing with 5xx: clients keep events in their outbox, so minutes are fine. */
  ingestionErrorRatio: 0.1,
  ingestionFor: '5m',
  /** Any row set aside is a validation gap: one is enough to look, once per this window. */
  deadLetterWindow: '15m',
  targetDownFor: '2m',
  /** The monitor recomputes every 15 s; 10 min without success means the quality gauges are stale. */
  monitorStaleSeconds: 600,
  monitorStaleFor: '5m',
} as const;
