import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './charts.css';
import { type ChartTheme, readTheme } from './theme.ts';

interface Props {
  /** Built for the chart's current width and the page's colours; called again when either changes. */
  options(width: number, theme: ChartTheme): uPlot.Options;
  data: uPlot.AlignedData;
  /** what a screen reader announces for the canvas; the figure's table carries the values */
  label: string;
}

/** Charts at least this wide; narrower containers scroll rather than squash the axes. */
const minWidth = 280; // px

/**
 * One uPlot chart, sized to its container and redrawn when the container resizes or the colour
 * scheme changes. uPlot draws on a canvas, so the label names the chart for assistive tech.
 */
export function UPlotChart({ options, data, label }: Props) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let chart: uPlot | null = null;
    const draw = () => {
      chart?.destroy();
      const width = Math.max(minWidth, Math.floor(element.clientWidth));
      chart = new uPlot(options(width, readTheme(element)), data, element);
    };
    draw();
    let lastWidth = element.clientWidth;
    const resize = new ResizeObserver(() => {
      if (Math.abs(element.clientWidth - lastWidth) < 2) return;
      lastWidth = element.clientWidth;
      chart?.setSize({ width: Math.max(minWidth, Math.floor(lastWidth)), height: chart.height });
    });
    resize.observe(element);
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', draw);
    return () => {
      resize.disconnect();
      scheme.removeEventListener('change', draw);
      chart?.destroy();
    };
  }, [options, data]);

  return <div className="uplot-host" ref={container} role="img" aria-label={label} />;
}
