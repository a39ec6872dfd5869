/** The app's colours as canvas charts need them: canvas cannot read CSS custom properties. */
export interface ChartTheme {
  text: string;
  muted: string;
  line: string;
  surface: string;
  series: string[];
}

/**
 * Read from the element's computed style, so charts follow the page's palette (and its dark
 * variant) instead of a second, hard-coded one. Series colours come from `--chart-1…4`, defined
 * in charts.css with light and dark values.
 */
export function readTheme(element: Element): ChartTheme {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--text', '#1d1b2e'),
    muted: read('--muted', '#5d5a72'),
    line: read('--line', '#dedced'),
    surface: read('--surface', '#ffffff'),
    series: [1, 2, 3, 4].map((n) => read(`--chart-${n}`, '#3b3486')),
  };
}
