import { z } from 'zod';
import { caveatCodes } from './caveat.ts';

/** Sliding windows ending now; each starts at a whole minute (see server/src/monitor/windows.ts). */
export const QualityWindow = z.enum(['1h', '24h', '7d']);
export type QualityWindow = z.infer<typeof QualityWindow>;

export const QualityQuery = z.object({ window: QualityWindow.default('24h') }).strict();
export type QualityQuery = z.infer<typeof QualityQuery>;

/** A ratio that is undefined (null) when its denominator is zero, e.g. accuracy without feedback. */
const Ratio = z.number().min(0).max(1).nullable();
const Count = z.number().int().min(0);

/** Predictions given each caveat code: a rise of `not_english` is input drift. */
export const CaveatCounts = z
  .object(
    Object.fromEntries(caveatCodes.map((code) => [code, Count])) as Record<
      (typeof caveatCodes)[number],
      typeof Count
    >,
  )
  .strict();
export type CaveatCounts = z.infer<typeof CaveatCounts>;

const ClassFigures = z.object({ precision: Ratio, recall: Ratio, f1: Ratio }).strict();

/** Counts of (feedback label, predicted label) pairs: `actual_predicted`. */
export const ConfusionCounts = z
  .object({
    negative_negative: Count,
    negative_positive: Count,
    positive_negative: Count,
    positive_positive: Count,
  })
  .strict();
export type ConfusionCounts = z.infer<typeof ConfusionCounts>;

/** One model version's figures over one window. Shadow predictions count for their own version. */
export const VersionQuality = z
  .object({
    model: z.string(),
    version: z.string(),
    /** registry aliases pointing at this version (`champion`, `challenger`) */
    aliases: z.array(z.string()),
    predictions: Count,
    feedback: Count,
    /** feedback / predictions */
    feedback_coverage: Ratio,
    /** measured on predictions that received feedback */
    accuracy: Ratio,
    f1_macro: Ratio,
    classes: z.object({ negative: ClassFigures, positive: ClassFigures }).strict(),
    confusion: ConfusionCounts,
    /** predictions in the window per caveat code; those without a caveat are in none */
    caveated: CaveatCounts,
    /** mean max-probability over all predictions: what the model believes its accuracy is */
    estimated_accuracy: Ratio,
    /** the same, over predictions with feedback only: comparable with `accuracy` */
    estimated_accuracy_with_feedback: Ratio,
    positive_rate: Ratio,
    /** the positive rate the training profile expects; null without a profile */
    baseline_positive_rate: Ratio,
    /** positive_rate / baseline_positive_rate */
    prediction_drift_ratio: z.number().min(0).nullable(),
    /** population stability index against the training histograms; null without a profile */
    input_drift_psi: z
      .object({
        text_length: z.number().min(0).nullable(),
        unknown_token_rate: z.number().min(0).nullable(),
      })
      .strict(),
  })
  .strict();
export type VersionQuality = z.infer<typeof VersionQuality>;

export const QualityPoint = z
  .object({
    /** start of the clock hour, ISO 8601 */
    hour: z.iso.datetime({ offset: true }),
    predictions: Count,
    feedback: Count,
    accuracy: Ratio,
    f1_macro: Ratio,
  })
  .strict();
export type QualityPoint = z.infer<typeof QualityPoint>;

export const QualitySeries = z
  .object({ model: z.string(), version: z.string(), points: z.array(QualityPoint) })
  .strict();
export type QualitySeries = z.infer<typeof QualitySeries>;

/** `GET /api/quality?window=…`: figures per version, plus hourly points over the last 7 days. */
export const QualityResponse = z
  .object({
    window: QualityWindow,
    computed_at: z.iso.datetime({ offset: true }),
    /**
     * Present while the monitor is still aggregating the older minutes of the 7-day window (its
     * first cycles over a large database): every figure counts only predictions made since.
     */
    covered_since: z.iso.datetime({ offset: true }).optional(),
    versions: z.array(VersionQuality),
    series: z.array(QualitySeries),
  })
  .strict();
export type QualityResponse = z.infer<typeof QualityResponse>;
