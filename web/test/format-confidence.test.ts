import { describe, expect, it } from 'vitest';
import { formatConfidence } from '../src/analyze/format-confidence.ts';

describe('formatConfidence', () => {
  it('shows whole percents and never 100 %', () => {
    expect(formatConfidence(0.5)).toBe('50 %');
    expect(formatConfidence(0.874)).toBe('87 %');
    expect(formatConfidence(0.99)).toBe('99 %');
    expect(formatConfidence(0.995)).toBe('> 99 %');
    expect(formatConfidence(0.9999)).toBe('> 99 %');
    expect(formatConfidence(1)).toBe('> 99 %');
  });

  it('never rounds up to 100 % anywhere in [0.5, 1]', () => {
    for (let c = 0.5; c <= 1; c += 0.0001) expect(formatConfidence(c)).not.toContain('100');
  });
});
