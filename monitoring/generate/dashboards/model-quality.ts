import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { ratioTimeseries, stat, table, timeseries } from './panels.ts';

const day = 'window="24h"';

export function modelQualityDashboard() {
  return new DashboardBuilder('Polarity · Model quality')
    .uid('polarity-model-quality')
    .tags(['polarity', 'generated'])
    .refresh('1m')
    .time({ from: 'now-7d', to: 'now' })
    .timezone('browser')
    .withRow(new RowBuilder('Champion vs challenger'))
    .withPanel(stat('Serving', 'none', [['polarity_model_info', '{{alias}}: v{{version}}']]))
    .withPanel(
      ratioTimeseries(
        'Accuracy (24 h) by alias',
        [
          [
            `polarity_model_accuracy_ratio{${day}} * on (model, version) group_left (alias) max by (model, version, alias) (polarity_model_info)`,
            '{{alias}} v{{version}}',
          ],
        ],
        'Measured on predictions that received feedback; the challenger’s are shadow predictions.',
      ),
    )
    .withRow(new RowBuilder('Accuracy'))
    .withPanel(
      ratioTimeseries('Accuracy by version (24 h)', [
        [`polarity_model_accuracy_ratio{${day}}`, 'v{{version}}'],
      ]),
    )
    .withPanel(
      ratioTimeseries('Macro-F1 by version (24 h)', [
        [`polarity_model_f1_macro_ratio{${day}}`, 'v{{version}}'],
      ]),
    )
    .withPanel(
      ratioTimeseries(
        'Estimated vs measured accuracy (24 h)',
        [
          [
            `polarity_model_estimated_accuracy_ratio{${day},subset="all"}`,
            'v{{version}} estimated (all)',
          ],
          [
            `polarity_model_estimated_accuracy_ratio{${day},subset="with_feedback"}`,
            'v{{version}} estimated (with feedback)',
          ],
          [`polarity_model_accuracy_ratio{${day}}`, 'v{{version}} measured'],
        ],
        'Estimated = mean max-probability. A gap between estimated and measured on the same predictions means the model is miscalibrated or users disagree.',
      ),
    )
    .withPanel(
      ratioTimeseries('Precision and recall by class (24 h)', [
        [`polarity_model_precision_ratio{${day}}`, 'v{{version}} precision {{class}}'],
        [`polarity_model_recall_ratio{${day}}`, 'v{{version}} recall {{class}}'],
      ]),
    )
    .withPanel(
      table('Confusion counts (24 h)', [
        [`polarity_model_confusion_predictions{${day}}`, 'v{{version}} {{actual}} → {{predicted}}'],
      ]),
    )
    .withRow(new RowBuilder('Feedback'))
    .withPanel(
      timeseries('Feedback count (1 h)', 'none', [
        ['polarity_window_feedback{window="1h"}', 'v{{version}}'],
      ]),
    )
    .withPanel(
      ratioTimeseries('Feedback coverage (24 h)', [
        [`polarity_feedback_coverage_ratio{${day}}`, 'v{{version}}'],
      ]),
    )
    .withPanel(
      timeseries('Predictions (1 h)', 'none', [
        ['polarity_window_predictions{window="1h"}', 'v{{version}}'],
      ]),
    )
    .withRow(new RowBuilder('Drift'))
    .withPanel(
      timeseries(
        'Prediction drift (24 h)',
        'none',
        [
          [`polarity_prediction_drift_ratio{${day}}`, 'v{{version}} positive rate / training'],
          [`polarity_prediction_positive_ratio{${day}}`, 'v{{version}} positive rate'],
        ],
        '1 = the same share of positives as the training profile expects.',
      ),
    )
    .withPanel(
      timeseries(
        'Input drift PSI (24 h)',
        'none',
        [[`polarity_input_drift_psi{${day}}`, 'v{{version}} {{feature}}']],
        '< 0.1 stable, 0.1–0.25 shifting, > 0.25 shifted.',
      ),
    )
    .withPanel(
      timeseries(
        'Caveated predictions (1 h)',
        'none',
        [['polarity_window_caveated_predictions{window="1h"}', 'v{{version}} {{code}}']],
        'Predictions the model flagged it cannot judge well; a rise of not_english is foreign-language traffic.',
      ),
    )
    .withRow(new RowBuilder('Monitor'))
    .withPanel(
      timeseries('Monitor cycle', 's', [['polarity_monitor_cycle_duration_seconds', 'cycle']]),
    )
    .withPanel(
      timeseries(
        'Backfill left',
        's',
        [['polarity_monitor_backfill_remaining_seconds', 'week not yet aggregated']],
        'After the monitor first starts on a large database it aggregates the week newest first; windows reaching further back are not published until this is 0.',
      ),
    )
    .withPanel(
      timeseries(
        'Minutes waiting to be re-aggregated',
        'none',
        [['polarity_monitor_stale_buckets', 'stale minutes']],
        'A burst of late rows (a bulk import, offline clients catching up) caught up over the next cycles; 0 in steady state.',
      ),
    );
}
