import { useCallback, useMemo } from 'react';
import type uPlot from 'uplot';
import type { ChartTheme } from '../charts/theme.ts';
import { UPlotChart } from '../charts/UPlotChart.tsx';
import type { ReliabilityBin } from './model-figures.ts';

const axisFont = '12px system-ui, sans-serif';
const pct = (v: number) => `${Math.round(v * 100)} %`;

/**
 * Stated confidence against how often the model was right, per confidence bin, with the
 * diagonal of perfect honesty: points under it are overconfident.
 */
export function ReliabilityChart({ bins }: { bins: readonly ReliabilityBin[] }) {
  const used = useMemo(
    () => bins.filter((bin) => bin.count > 0).sort((a, b) => a.meanConfidence - b.meanConfidence),
    [bins],
  );
  const data = useMemo(
    () =>
      [
        used.map((bin) => bin.meanConfidence),
        used.map((bin) => bin.accuracy),
        used.map((bin) => bin.meanConfidence),
      ] as uPlot.AlignedData,
    [used],
  );
  const options = useCallback((width: number, theme: ChartTheme): uPlot.Options => {
    const axis = {
      stroke: theme.muted,
      font: axisFont,
      labelFont: `600 ${axisFont}`,
      grid: { stroke: theme.line, width: 1 },
      ticks: { stroke: theme.line, width: 1, size: 4 },
      values: (_u: uPlot, ticks: number[]) => ticks.map(pct),
    };
    return {
      width: Math.min(width, 420),
      height: 300,
      scales: { x: { time: false, range: [0.5, 1] }, y: { range: [0.4, 1] } },
      axes: [
        { ...axis, label: 'Stated confidence' },
        { ...axis, label: 'Share right', size: 56 },
      ],
      series: [
        { label: 'Confidence', value: (_u, v) => (v == null ? '—' : pct(v)) },
        {
          label: 'Share right',
          stroke: theme.series[0],
          width: 2,
          points: { show: true, size: 9, fill: theme.series[0] },
          value: (_u, v) => (v == null ? '—' : pct(v)),
        },
        {
          label: 'Perfectly honest',
          stroke: theme.muted,
          dash: [4, 4],
          width: 1,
          points: { show: false },
          value: (_u, v) => (v == null ? '—' : pct(v)),
        },
      ],
    };
  }, []);
  if (used.length === 0) return null;
  return (
    <figure className="model-chart">
      <figcaption>Is its confidence honest? (test reviews)</figcaption>
      <UPlotChart
        options={options}
        data={data}
        label={`Reliability diagram: ${used
          .map((bin) => `at ${pct(bin.meanConfidence)} confidence, right ${pct(bin.accuracy)}`)
          .join('; ')}`}
      />
    </figure>
  );
}
