import { invariance, labelledCapabilities } from './suite-cases.ts';

export type Capability = keyof typeof labelledCapabilities | 'invariance';

/** Share of a capability's cases the shipped champion must pass (`npm test` checks it). */
export const capabilityThresholds: Record<Capability, number> = {
  negated_negative: 0.85,
  negated_positive: 0.85,
  contrast: 0.85,
  short_verdicts: 0.85,
  mild_and_mixed: 0.85,
  invariance: 0.85,
};

export interface CapabilityResult {
  passed: number;
  total: number;
  rate: number;
  /** The texts (for invariance, the first of each pair) the model got wrong. */
  failures: string[];
}

/** P(positive) for each text, in order; batched so a whole suite is one or a few runs. */
export type BatchScorer = (texts: readonly string[]) => Promise<number[]>;

const result = (outcomes: readonly { ok: boolean; text: string }[]): CapabilityResult => {
  const passed = outcomes.filter((o) => o.ok).length;
  return {
    passed,
    total: outcomes.length,
    rate: passed / outcomes.length,
    failures: outcomes.filter((o) => !o.ok).map((o) => o.text),
  };
};

/** Scores every capability: accuracy for labelled ones, unchanged verdicts for invariance. */
export async function runBehaviourSuite(
  scorer: BatchScorer,
): Promise<Record<Capability, CapabilityResult>> {
  const labelled = Object.entries(labelledCapabilities) as [
    keyof typeof labelledCapabilities,
    (typeof labelledCapabilities)[keyof typeof labelledCapabilities],
  ][];
  const texts = [
    ...labelled.flatMap(([, cases]) => cases.map(([, , text]) => text)),
    ...invariance.flatMap(([, a, b]) => [a, b]),
  ];
  const scores = await scorer(texts);
  const positive = new Map(texts.map((text, i) => [text, scores[i]! >= 0.5]));
  const results = {} as Record<Capability, CapabilityResult>;
  for (const [capability, cases] of labelled) {
    results[capability] = result(
      cases.map(([verdict, , text]) => ({
        ok: positive.get(text) === (verdict === 'positive'),
        text,
      })),
    );
  }
  results.invariance = result(
    invariance.map(([, a, b]) => ({ ok: positive.get(a) === positive.get(b), text: a })),
  );
  return results;
}

export function suiteTable(results: Record<Capability, CapabilityResult>): string {
  const lines = ['capability           passed   rate  threshold'];
  for (const [capability, r] of Object.entries(results) as [Capability, CapabilityResult][]) {
    lines.push(
      `${capability.padEnd(20)} ${`${r.passed}/${r.total}`.padStart(6)}  ${r.rate.toFixed(3)}  ${capabilityThresholds[capability].toFixed(2)}`,
    );
  }
  return lines.join('\n');
}
