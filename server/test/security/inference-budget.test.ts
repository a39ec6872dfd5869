import { describe, expect, it } from 'vitest';
import { createInferenceBudget } from '../../src/security/inference-budget.ts';

describe('inference budget', () => {
  it('lets a client send while its bucket is above zero, then says how long to wait', () => {
    const budget = createInferenceBudget({ charsPerSecond: 1_000, burstChars: 3_000 });
    expect(budget.take('a', 2_000)).toBe(0);
    // Above zero: a request larger than what is left is still taken, and leaves a debt.
    expect(budget.take('a', 3_500)).toBe(0);
    // 2,500 characters of debt at 1,000 per second.
    expect(budget.take('a', 1)).toBe(3);
  });

  it('refuses without taking, and keeps clients apart', () => {
    const budget = createInferenceBudget({ charsPerSecond: 1_000, burstChars: 1_000 });
    expect(budget.take('a', 1_500)).toBe(0);
    expect(budget.take('a', 10)).toBe(1);
    expect(budget.take('a', 10)).toBe(1);
    expect(budget.take('b', 10)).toBe(0);
  });

  it('gives back what work that was not done took, never above the burst', () => {
    const budget = createInferenceBudget({ charsPerSecond: 1, burstChars: 1_000 });
    expect(budget.take('a', 5_000)).toBe(0);
    expect(budget.take('a', 1)).toBeGreaterThan(0);
    budget.giveBack('a', 5_000);
    budget.giveBack('a', 5_000);
    // Back to the burst (1,000), not 4,000: this leaves 10 characters of debt.
    expect(budget.take('a', 1_010)).toBe(0);
    expect(budget.take('a', 1)).toBeGreaterThan(0);
  });

  it('refills at the sustained rate', async () => {
    const budget = createInferenceBudget({ charsPerSecond: 100_000, burstChars: 1_000 });
    expect(budget.take('a', 2_000)).toBe(0);
    expect(budget.take('a', 1)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(budget.take('a', 1)).toBe(0);
  });

  it('is off at rate 0', () => {
    const budget = createInferenceBudget({ charsPerSecond: 0, burstChars: 1 });
    for (let i = 0; i < 5; i++) expect(budget.take('a', 1_000_000)).toBe(0);
  });
});
