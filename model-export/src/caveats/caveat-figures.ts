import { type CaveatCode, type Classification, caveatCodes } from '@polarity/core/contracts';
import type { ReviewRecord } from '../data/review-record.ts';

/** How a split fares under the caveat rules: what gets flagged, and how right the model is there. */
export interface CaveatFigures {
  records: number;
  /** share of the split given each caveat */
  share: Record<CaveatCode, number>;
  accuracy: { all: number; flagged: number | null; unflagged: number | null };
  /** accuracy on the predictions flagged low_confidence, and on those with no caveat at all */
  lowConfidence: { share: number; accuracy: number | null; unflaggedAccuracy: number | null };
}

const accuracyOf = (pairs: readonly [Classification, ReviewRecord][]): number | null =>
  pairs.length === 0
    ? null
    : pairs.filter(([c, r]) => (c.label === 'positive') === (r.label === 1)).length / pairs.length;

export function caveatFigures(
  classifications: readonly Classification[],
  records: readonly ReviewRecord[],
): CaveatFigures {
  const pairs = classifications.map((c, i): [Classification, ReviewRecord] => [c, records[i]!]);
  const flagged = pairs.filter(([c]) => c.caveat !== null);
  const unflagged = pairs.filter(([c]) => c.caveat === null);
  const lowConfidence = pairs.filter(([c]) => c.caveat?.code === 'low_confidence');
  const share = Object.fromEntries(
    caveatCodes.map((code) => [
      code,
      pairs.filter(([c]) => c.caveat?.code === code).length / pairs.length,
    ]),
  ) as Record<CaveatCode, number>;
  return {
    records: pairs.length,
    share,
    accuracy: {
      all: accuracyOf(pairs) ?? 0,
      flagged: accuracyOf(flagged),
      unflagged: accuracyOf(unflagged),
    },
    lowConfidence: {
      share: lowConfidence.length / pairs.length,
      accuracy: accuracyOf(lowConfidence),
      unflaggedAccuracy: accuracyOf(unflagged),
    },
  };
}

const percent = (value: number | null) =>
  value === null ? '   —  ' : `${(value * 100).toFixed(2).padStart(6)}%`;

export function caveatFiguresTable(split: string, f: CaveatFigures): string {
  return [
    `${split} (${f.records} reviews)`,
    ...caveatCodes.map((code) => `  ${code.padEnd(22)} ${percent(f.share[code])} caveated`),
    `  accuracy: all ${percent(f.accuracy.all)}, flagged ${percent(f.accuracy.flagged)}, unflagged ${percent(f.accuracy.unflagged)}`,
    `  low_confidence accuracy ${percent(f.lowConfidence.accuracy)} vs no caveat ${percent(f.lowConfidence.unflaggedAccuracy)}`,
  ].join('\n');
}
