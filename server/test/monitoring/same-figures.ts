import { expect } from 'vitest';
import type { QualityTracker } from '../../src/monitor/quality-tracker.ts';
import { qualityWindows } from '../../src/monitor/windows.ts';

/** Sums are added in a different order from a full pass; everything else must be equal. */
export function expectSameFigures(actual: QualityTracker, expected: QualityTracker) {
  for (const window of qualityWindows) {
    const [got, want] = [actual.figures(window), expected.figures(window)];
    expect(got.map((f) => f.version)).toEqual(want.map((f) => f.version));
    got.forEach((figures, i) => {
      const reference = want[i]!;
      expect(figures.predictions, window).toBe(reference.predictions);
      expect(figures.feedback, window).toBe(reference.feedback);
      expect(figures.confusion, window).toEqual(reference.confusion);
      expect(figures.accuracy, window).toBe(reference.accuracy);
      expect(figures.estimated_accuracy ?? 0).toBeCloseTo(reference.estimated_accuracy ?? 0, 9);
      expect(figures.input_drift_psi.text_length ?? 0).toBeCloseTo(
        reference.input_drift_psi.text_length ?? 0,
        9,
      );
      expect(figures.input_drift_psi.unknown_token_rate ?? 0).toBeCloseTo(
        reference.input_drift_psi.unknown_token_rate ?? 0,
        9,
      );
    });
  }
  expect(actual.hourlySeries()).toEqual(expected.hourlySeries());
}
