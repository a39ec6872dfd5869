import type { CaveatCode, VersionQuality } from '@polarity/core/contracts';

/**
 * The usual reading of a population stability index (Siddiqi, "Credit Risk Scorecards", 2006):
 * below 0.1 the inputs look like the training data, 0.1–0.25 they have moved, above 0.25 they
 * are a different population.
 */
export type Shift = 'stable' | 'moderate' | 'major' | 'unknown';

export function shiftOf(psi: number | null): Shift {
  if (psi === null) return 'unknown';
  return psi < 0.1 ? 'stable' : psi <= 0.25 ? 'moderate' : 'major';
}

/** A positive rate this far (as a ratio) from training's is worth a sentence. */
const notableRatio = 0.2;
/** A share of caveated predictions worth a sentence: the canonical test split has under 2 %. */
const notableCaveatShare = 0.05;

export const caveatNames: Record<CaveatCode, string> = {
  not_english: 'not English',
  mostly_unknown_words: 'mostly unknown words',
  too_short: 'too short',
  low_confidence: 'low confidence',
};

export interface CaveatShare {
  share: number;
  /** codes with at least one prediction, most frequent first */
  byCode: [CaveatCode, number][];
}

export function caveatShare(version: VersionQuality): CaveatShare | null {
  if (version.predictions === 0) return null;
  const byCode = (Object.entries(version.caveated) as [CaveatCode, number][])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const total = byCode.reduce((sum, [, n]) => sum + n, 0);
  return { share: total / version.predictions, byCode };
}

/** One plain paragraph on whether today's reviews still look like the ones the model learnt from. */
export function driftSentence(version: VersionQuality): string {
  if (version.predictions === 0) return 'No predictions in this window, so nothing to compare.';
  const length = shiftOf(version.input_drift_psi.text_length);
  const unknown = shiftOf(version.input_drift_psi.unknown_token_rate);
  const parts: string[] = [];
  if (length === 'unknown' && unknown === 'unknown') {
    parts.push('This version has no training profile, so its inputs cannot be compared.');
  } else if (length === 'major' || unknown === 'major') {
    parts.push(
      `Reviews now differ clearly from the training data (${[
        length === 'major' && 'in length',
        unknown === 'major' && 'in words the model does not know',
      ]
        .filter(Boolean)
        .join(' and ')}): the accuracy measured in training may no longer hold.`,
    );
  } else if (length === 'moderate' || unknown === 'moderate') {
    parts.push('Reviews have moved somewhat away from the training data; worth watching.');
  } else {
    parts.push('Reviews look like the ones the model was trained on.');
  }
  const ratio = version.prediction_drift_ratio;
  if (ratio !== null && Math.abs(ratio - 1) >= notableRatio) {
    parts.push(
      `It calls ${ratio > 1 ? 'more' : 'fewer'} reviews positive than in training (${(
        (version.positive_rate ?? 0) * 100
      ).toFixed(
        0,
      )} % against ${((version.baseline_positive_rate ?? 0) * 100).toFixed(0)} %): either people write differently now or the model has drifted.`,
    );
  } else if (ratio !== null) {
    parts.push('Its share of positive verdicts is close to training’s.');
  }
  const caveats = caveatShare(version);
  const top = caveats?.byCode[0];
  if (caveats && top && caveats.share >= notableCaveatShare) {
    parts.push(
      `${(caveats.share * 100).toFixed(0)} % of reviews came with a caveat, mostly ${caveatNames[top[0]]}.`,
    );
  }
  return parts.join(' ');
}
