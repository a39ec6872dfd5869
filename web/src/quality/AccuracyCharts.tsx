import { useCallback, useMemo } from 'react';
import uPlot from 'uplot';
import { ScrollRegion } from '../charts/ScrollRegion.tsx';
import type { ChartTheme } from '../charts/theme.ts';
import { UPlotChart } from '../charts/UPlotChart.tsx';
import type { HourlyTable } from './hourly-series.ts';

const chartHeight = 220; // px
/** The smallest text on a chart: the issue measured ~4 px before; 12 px reads on a phone. */
const axisFont = '12px system-ui, sans-serif';

const hourLabel = (seconds: number) =>
  new Date(seconds * 1000).toLocaleString([], {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });

function axes(theme: ChartTheme, formatY: (value: number) => string): uPlot.Axis[] {
  const common = {
    stroke: theme.muted,
    font: axisFont,
    grid: { stroke: theme.line, width: 1 },
    ticks: { stroke: theme.line, width: 1, size: 4 },
  };
  return [
    { ...common, space: 70 },
    { ...common, size: 48, values: (_u, ticks) => ticks.map(formatY) },
  ];
}

/** Hourly accuracy (lines with points, broken at hours without labels) and labels per hour (bars). */
export function AccuracyCharts({ table, title }: { table: HourlyTable; title: string }) {
  const { hours, versions, accuracy, feedback } = table;
  const hasAccuracy = accuracy.some((values) => values.some((v) => v !== null));

  const accuracyData = useMemo(() => [hours, ...accuracy] as uPlot.AlignedData, [hours, accuracy]);
  const feedbackData = useMemo(() => [hours, ...feedback] as uPlot.AlignedData, [hours, feedback]);

  const accuracyOptions = useCallback(
    (width: number, theme: ChartTheme): uPlot.Options => ({
      width,
      height: chartHeight,
      scales: { y: { range: [0, 1] } },
      axes: axes(theme, (v) => `${Math.round(v * 100)} %`),
      cursor: { points: { size: 8 } },
      series: [
        { value: (_u, v) => (v == null ? '—' : hourLabel(v)) },
        ...versions.map((version, i) => ({
          label: `v${version}`,
          stroke: theme.series[i % theme.series.length],
          width: 2,
          // A lone hour has no neighbour to join; its point must still show.
          points: { show: true, size: 6, fill: theme.series[i % theme.series.length] },
          spanGaps: false,
          value: (_u: uPlot, v: number | null, _s: number, idx: number | null) =>
            v == null || idx == null
              ? '—'
              : `${(v * 100).toFixed(0)} % of ${feedback[i]?.[idx] ?? 0} labels`,
        })),
      ],
    }),
    [versions, feedback],
  );

  const feedbackOptions = useCallback(
    (width: number, theme: ChartTheme): uPlot.Options => ({
      width,
      height: chartHeight - 40,
      scales: { y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.1))] } },
      axes: axes(theme, (v) => (Number.isInteger(v) ? String(v) : '')),
      series: [
        { value: (_u, v) => (v == null ? '—' : hourLabel(v)) },
        ...versions.map((version, i) => ({
          label: `v${version}`,
          stroke: theme.series[i % theme.series.length],
          fill: `${theme.series[i % theme.series.length]}99`,
          width: 1,
          // Two versions' bars stand side by side in their hour, not on top of each other.
          paths: uPlot.paths.bars?.({
            size: [versions.length > 1 ? 0.4 : 0.8, 24],
            align: versions.length > 1 ? (i % 2 === 0 ? -1 : 1) : 0,
          }),
          points: { show: false },
          value: (_u: uPlot, v: number | null) => (v == null ? '—' : `${v} labels`),
        })),
      ],
    }),
    [versions],
  );

  return (
    <section className="quality-card quality-wide" aria-labelledby="accuracy-chart-title">
      <h3 id="accuracy-chart-title">{title}</h3>
      <p className="hint">
        Each point is one hour's accuracy on the reviews people labelled; hours without labels are
        left empty rather than joined. Hover or tap for the values.
      </p>
      {hasAccuracy ? (
        <UPlotChart
          options={accuracyOptions}
          data={accuracyData}
          label={`${title}, one line per model version`}
        />
      ) : (
        <p className="empty-chart">No feedback in this period yet, so no accuracy to draw.</p>
      )}
      <h4>Labels per hour</h4>
      <UPlotChart options={feedbackOptions} data={feedbackData} label="Feedback labels per hour" />
      <HourlyFigures table={table} />
    </section>
  );
}

/** The charted values as a table: for screen readers and for anyone who wants the numbers. */
function HourlyFigures({ table }: { table: HourlyTable }) {
  const rows = table.hours
    .map((hour, i) => ({ hour, i }))
    .filter(({ i }) => table.feedback.some((values) => (values[i] ?? 0) > 0));
  if (rows.length === 0) return null;
  return (
    <details className="chart-figures">
      <summary>The hourly figures as a table</summary>
      <ScrollRegion label="Hourly figures">
        <table>
          <thead>
            <tr>
              <th scope="col">Hour</th>
              {table.versions.map((version) => (
                <th scope="col" key={version}>
                  v{version}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ hour, i }) => (
              <tr key={hour}>
                <th scope="row">{hourLabel(hour)}</th>
                {table.versions.map((version, v) => {
                  const acc = table.accuracy[v]?.[i];
                  const n = table.feedback[v]?.[i] ?? 0;
                  return (
                    <td key={version}>
                      {acc == null ? '—' : `${(acc * 100).toFixed(0)} % of ${n}`}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </details>
  );
}
