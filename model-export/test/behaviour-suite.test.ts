import { join } from 'node:path';
import type { ModelMetrics } from '@polarity/core/inference';
import { LocalRegistry } from '@polarity/core/registry';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Capability,
  type CapabilityResult,
  capabilityThresholds,
  runBehaviourSuite,
} from '../src/behaviour/behaviour-suite.ts';
import { invariance, labelledCapabilities } from '../src/behaviour/suite-cases.ts';
import { versionScorer } from '../src/commands/evaluate.ts';
import { readConfig } from '../src/commands/model-commands.ts';
import { championVersion, repoRoot } from '../src/commands/registry-access.ts';

const productKinds = ['books', 'films', 'kitchen', 'electronics', 'clothing', 'phones', 'toys'];

describe('behaviour suite cases', () => {
  const labelled = Object.values(labelledCapabilities).flat();
  const texts = [
    ...labelled.map(([, , text]) => text),
    ...invariance.flatMap(([, a, b]) => [a, b]),
  ];

  it('holds at least 200 distinct sentences', () => {
    expect(texts.length).toBeGreaterThanOrEqual(200);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('covers every product kind in every capability, and both verdicts where labelled', () => {
    for (const cases of Object.values(labelledCapabilities)) {
      expect(new Set(cases.map(([, kind]) => kind))).toEqual(new Set(productKinds));
    }
    expect(new Set(invariance.map(([kind]) => kind))).toEqual(new Set(productKinds));
    const verdicts = (cases: readonly (readonly [string, string, string])[]) =>
      new Set(cases.map(([verdict]) => verdict));
    expect(verdicts(labelledCapabilities.contrast)).toEqual(new Set(['positive', 'negative']));
    expect(verdicts(labelledCapabilities.short_verdicts)).toEqual(
      new Set(['positive', 'negative']),
    );
    expect(verdicts(labelledCapabilities.mild_and_mixed)).toEqual(
      new Set(['positive', 'negative']),
    );
  });

  it('scores invariance as pairs and labelled capabilities against their verdicts', async () => {
    // A scorer that calls everything positive passes invariance and fails every negative case.
    const results = await runBehaviourSuite(async (batch) => batch.map(() => 0.9));
    expect(results.invariance.rate).toBe(1);
    expect(results.negated_positive.rate).toBe(0);
    expect(results.negated_negative.rate).toBe(1);
    const negatives = labelledCapabilities.contrast.filter(([v]) => v === 'negative').length;
    expect(results.contrast.failures).toHaveLength(negatives);
  });
});

describe('the shipped champion', () => {
  const registry = new LocalRegistry(join(repoRoot, 'registry'));
  let version: string;
  let recorded: ModelMetrics['behaviour_suite'];
  let results: Record<Capability, CapabilityResult>;

  beforeAll(async () => {
    version = (await championVersion(registry))!;
    recorded = (await readConfig(registry, version)).metrics.behaviour_suite;
    results = await runBehaviourSuite(await versionScorer(registry, version));
  });

  it('scores the suite in onnxruntime-node as its training run recorded it', (context) => {
    // Version 1 predates the suite; `npm run model -- evaluate 1` prints its figures.
    if (!recorded) context.skip();
    for (const [capability, result] of Object.entries(results)) {
      expect(recorded![capability]).toEqual({
        passed: result.passed,
        total: result.total,
        rate: result.rate,
      });
    }
  });

  it('passes every capability of the behaviour suite at its threshold', (context) => {
    // A champion is only promoted once it passes, so one that predates the suite is exempt.
    if (!recorded) context.skip();
    for (const [capability, threshold] of Object.entries(capabilityThresholds)) {
      const result = results[capability as Capability];
      expect(
        result.rate,
        `${capability}: fails ${result.failures.join(' | ')}`,
      ).toBeGreaterThanOrEqual(threshold);
    }
  });
});
