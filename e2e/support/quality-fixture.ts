import { QualityResponse, type VersionQuality } from '@polarity/core/contracts';

const hourMs = 3_600_000;

function version(
  version: string,
  aliases: string[],
  [nn, np, pn, pp]: [number, number, number, number],
): VersionQuality {
  const feedback = nn + np + pn + pp;
  return {
    model: 'e2e-sentiment',
    version,
    aliases,
    predictions: 200,
    feedback,
    feedback_coverage: feedback / 200,
    accuracy: feedback ? (nn + pp) / feedback : null,
    f1_macro: null,
    classes: {
      negative: { precision: null, recall: null, f1: null },
      positive: { precision: null, recall: null, f1: null },
    },
    confusion: {
      negative_negative: nn,
      negative_positive: np,
      positive_negative: pn,
      positive_positive: pp,
    },
    estimated_accuracy: 0.91,
    estimated_accuracy_with_feedback: 0.9,
    positive_rate: 0.52,
    baseline_positive_rate: 0.5,
    prediction_drift_ratio: 1.04,
    input_drift_psi: { text_length: 0.03, unknown_token_rate: 0.02 },
    caveated: { not_english: 0, mostly_unknown_words: 0, too_short: 0, low_confidence: 0 },
  };
}

/**
 * A `GET /api/quality` answer with exact figures the live database cannot promise across runs:
 * a challenger with 5 labels, hourly points 5 and 1 hours ago with nothing between, and caveat
 * counts.
 * Checked against the contract (as the app checks it), so it cannot drift from it.
 */
export function qualityFixture(now = Date.now()) {
  const hour = (ago: number) => new Date(Math.floor(now / hourMs) * hourMs - ago * hourMs);
  const point = (ago: number, feedback: number, accuracy: number) => ({
    hour: hour(ago).toISOString(),
    predictions: 50,
    feedback,
    accuracy,
    f1_macro: accuracy,
  });
  const champion = {
    ...version('1', ['champion'], [18, 2, 3, 17]),
    caveated: { not_english: 16, mostly_unknown_words: 0, too_short: 4, low_confidence: 0 },
  };
  const challenger = version('2', ['challenger'], [2, 1, 1, 1]);
  const body: QualityResponse = QualityResponse.parse({
    window: '24h',
    computed_at: new Date(now).toISOString(),
    versions: [challenger, champion],
    series: [
      { model: 'e2e-sentiment', version: '1', points: [point(5, 20, 0.9), point(1, 20, 0.85)] },
      { model: 'e2e-sentiment', version: '2', points: [point(1, 5, 0.6)] },
    ],
  });
  return { body, gapHour: hour(3) };
}
