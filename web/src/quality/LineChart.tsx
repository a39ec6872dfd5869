export interface ChartSeries {
  name: string;
  points: { x: number; y: number | null }[];
}

interface Props {
  title: string;
  series: ChartSeries[];
  /** y axis range; the data's own range when absent */
  yDomain?: [number, number];
  formatY(value: number): string;
  /** bars instead of lines (counts) */
  bars?: boolean;
}

const width = 640;
const height = 220;
const margin = { top: 12, right: 12, bottom: 28, left: 48 };
const palette = ['#5b4fd6', '#e0714f', '#2f9e6e', '#c2489d', '#8a7f2a'];

/** A small dependency-free SVG chart: time on x, one line (or bar group) per series. */
export function LineChart({ title, series, yDomain, formatY, bars = false }: Props) {
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const ys = series.flatMap((s) => s.points.flatMap((p) => (p.y === null ? [] : [p.y])));
  if (xs.length === 0 || ys.length === 0) {
    return (
      <figure className="chart">
        <figcaption>{title}</figcaption>
        <p className="hint">No data in this window yet.</p>
      </figure>
    );
  }
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = yDomain ?? [0, Math.max(1, Math.ceil(Math.max(...ys)))];
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const sx = (x: number) => margin.left + (x1 === x0 ? plotW / 2 : ((x - x0) / (x1 - x0)) * plotW);
  const sy = (y: number) => margin.top + plotH - ((y - y0) / (y1 - y0 || 1)) * plotH;
  // Counts get whole-number ticks only; ratios get a middle line too.
  const ticks = bars ? [y0, y1] : [y0, (y0 + y1) / 2, y1];
  const barWidth = Math.min(
    24,
    Math.max(2, plotW / Math.max(1, new Set(xs).size) / Math.max(1, series.length) - 1),
  );
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={margin.left}
              x2={width - margin.right}
              y1={sy(tick)}
              y2={sy(tick)}
              className="grid"
            />
            <text
              x={margin.left - 6}
              y={sy(tick)}
              className="axis"
              textAnchor="end"
              dominantBaseline="middle"
            >
              {formatY(tick)}
            </text>
          </g>
        ))}
        <text x={margin.left} y={height - 8} className="axis">
          {new Date(x0).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit' })}
        </text>
        <text x={width - margin.right} y={height - 8} className="axis" textAnchor="end">
          {new Date(x1).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit' })}
        </text>
        {series.map((s, index) => {
          const colour = palette[index % palette.length];
          if (bars) {
            return s.points.map((p) =>
              p.y === null ? null : (
                <rect
                  key={`${s.name}-${p.x}`}
                  x={sx(p.x) - (barWidth * series.length) / 2 + index * barWidth}
                  y={sy(p.y)}
                  width={barWidth}
                  height={Math.max(0, sy(y0) - sy(p.y))}
                  fill={colour}
                />
              ),
            );
          }
          const path = s.points
            .filter((p) => p.y !== null)
            .map(
              (p, i) =>
                `${i === 0 ? 'M' : 'L'}${sx(p.x).toFixed(1)},${sy(p.y as number).toFixed(1)}`,
            )
            .join(' ');
          return (
            <g key={s.name}>
              <path d={path} fill="none" stroke={colour} strokeWidth={2} />
              {s.points.map((p) =>
                p.y === null ? null : (
                  <circle key={p.x} cx={sx(p.x)} cy={sy(p.y)} r={3.5} fill={colour} />
                ),
              )}
            </g>
          );
        })}
      </svg>
      <ul className="legend">
        {series.map((s, index) => (
          <li key={s.name}>
            <span
              className="swatch"
              style={{ background: palette[index % palette.length] }}
              aria-hidden="true"
            />
            {s.name}
          </li>
        ))}
      </ul>
    </figure>
  );
}
