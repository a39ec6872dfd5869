import { percent } from '../shared/percent.ts';
import { baselineName, type ModelConfig } from './model-figures.ts';

export interface Figure {
  name: string;
  value: string;
  meaning: string;
}

/** The test figures, each once, each named for a person and explained in one line. */
export function figuresOf(
  metrics: NonNullable<ModelConfig['metrics']>,
  registry: Record<string, number>,
): Figure[] {
  const accuracy = metrics.test_accuracy ?? registry.test_accuracy;
  const titleOnly = metrics.test_title_only_accuracy ?? registry.test_title_only_accuracy;
  const f1 = metrics.test_macro_f1 ?? registry.test_macro_f1;
  const ece = metrics.test_ece ?? registry.test_ece;
  const heldOut = metrics.confusion_matrix?.flat().reduce((sum, n) => sum + n, 0);
  const figures: Figure[] = [];
  if (accuracy !== undefined)
    figures.push({
      name: 'Right on held-out reviews',
      value: percent(accuracy),
      meaning: `The share of ${heldOut ? `${heldOut.toLocaleString()} ` : ''}test reviews, never seen while learning, that it labels correctly.`,
    });
  if (titleOnly !== undefined)
    figures.push({
      name: 'Right on titles alone',
      value: percent(titleOnly),
      meaning: 'The same reviews, reading only each title: how it does on short texts.',
    });
  if (f1 !== undefined)
    figures.push({
      name: 'Balance between the two sides (macro-F1)',
      value: percent(f1),
      meaning:
        'Averages how well it finds positive and negative reviews, so favouring one side cannot hide behind accuracy.',
    });
  if (ece !== undefined)
    figures.push({
      name: 'Confidence honesty (calibration error)',
      value: `${(ece * 100).toFixed(1)} points`,
      meaning: `How far its stated confidence is from how often it is right, on average; 0 is perfect, so "90 % sure" means right about ${90 - Math.round(ece * 100)}–${90 + Math.round(ece * 100)} % of the time.`,
    });
  const baselines = Object.entries(metrics.baselines ?? {}).flatMap(([key, figures]) =>
    figures.test_accuracy === undefined
      ? []
      : [`${baselineName(key)} ${percent(figures.test_accuracy)}`],
  );
  if (baselines.length > 0)
    figures.push({
      name: 'Simpler methods, same test',
      value: '',
      meaning: `For comparison: ${baselines.join('; ')}.`,
    });
  return figures;
}
