import type { ModelMetrics } from '@polarity/core/inference';
import {
  type BatchScorer,
  type Capability,
  type CapabilityResult,
  runBehaviourSuite,
  suiteTable,
} from '../behaviour/behaviour-suite.ts';
import type { ReviewRecord } from '../data/review-record.ts';
import { type Evaluation, evaluate } from './evaluation.ts';
import {
  evaluateSentences,
  type LabelledSentence,
  type SentenceSetName,
  type SetEvaluation,
} from './sentence-sets.ts';

/** Every figure a version is judged by (issue 14's table), from one scorer. */
export interface VersionFigures {
  test: Evaluation;
  sentenceSets: Partial<Record<SentenceSetName, SetEvaluation>>;
  behaviour: Record<Capability, CapabilityResult>;
}

/** Scores each distinct text once, in batches of 64, and answers lookups from the result. */
async function scoreAll(scorer: BatchScorer, texts: readonly string[]) {
  const distinct = [...new Set(texts)];
  const positive = new Map<string, number>();
  for (let i = 0; i < distinct.length; i += 64) {
    const batch = distinct.slice(i, i + 64);
    for (const [k, p] of (await scorer(batch)).entries()) positive.set(batch[k]!, p);
  }
  return (text: string) => positive.get(text)!;
}

export async function measureVersion(
  scorer: BatchScorer,
  test: readonly ReviewRecord[],
  sentenceSets: Partial<Record<SentenceSetName, readonly LabelledSentence[]>>,
): Promise<VersionFigures> {
  const sets = Object.entries(sentenceSets) as [SentenceSetName, LabelledSentence[]][];
  const lookUp = await scoreAll(scorer, [
    ...test.flatMap((r) => [r.text, r.title]),
    ...sets.flatMap(([, sentences]) => sentences.map((s) => s.text)),
  ]);
  return {
    test: evaluate(lookUp, test),
    sentenceSets: Object.fromEntries(
      sets.map(([name, sentences]) => [
        name,
        evaluateSentences(
          sentences.map((s) => lookUp(s.text)),
          sentences,
        ),
      ]),
    ),
    behaviour: await runBehaviourSuite(scorer),
  };
}

/** The figures as config.json records them. */
export function figureMetrics(
  figures: VersionFigures,
): Pick<ModelMetrics, 'test_title_only_ece' | 'sentence_sets' | 'behaviour_suite'> {
  return {
    test_title_only_ece: figures.test.titleOnlyEce,
    sentence_sets: figures.sentenceSets as Record<string, SetEvaluation>,
    behaviour_suite: Object.fromEntries(
      Object.entries(figures.behaviour).map(([name, r]) => [
        name,
        { passed: r.passed, total: r.total, rate: r.rate },
      ]),
    ),
  };
}

export function figuresTable(label: string, figures: VersionFigures): string {
  const e = figures.test;
  const lines = [
    `${label}`,
    `  test accuracy        ${e.accuracy.toFixed(4)}   macro-F1 ${e.macroF1.toFixed(4)}`,
    `  test ECE             ${e.ece.toFixed(4)}`,
    `  title-only accuracy  ${e.titleOnlyAccuracy.toFixed(4)}   ECE ${e.titleOnlyEce.toFixed(4)}`,
  ];
  for (const [name, set] of Object.entries(figures.sentenceSets)) {
    lines.push(
      `  ${name.padEnd(20)} ${set.accuracy.toFixed(4)}   ECE ${set.ece.toFixed(4)}   (${set.count} sentences)`,
    );
  }
  lines.push('behaviour suite', suiteTable(figures.behaviour));
  return lines.join('\n');
}
