import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * WCAG 2 contrast of the review text on a highlight at full intensity, from the colours the
 * stylesheets ship: a tint the eye cannot read through would hide the very words that matter.
 */
const css = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');
const property = (source: string, name: string) => {
  const value = new RegExp(`${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(source)?.[1];
  if (!value) throw new Error(`${name} is not a #rrggbb colour in the stylesheet`);
  return value;
};

const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
};

describe('highlight colours', () => {
  const app = css('../src/styles.css');
  const explanation = css('../src/explanation/explanation.css');
  const text = property(app, '--text');

  it.each(['positive', 'negative'])('text on the full %s tint reads at 4.5:1 or more', (push) => {
    const tint = property(explanation, `--explain-${push}-tint`);
    expect(contrast(text, tint)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(['positive', 'negative'])('the %s underline stands out from its tint (3:1)', (push) => {
    const tint = property(explanation, `--explain-${push}-tint`);
    const line = property(explanation, `--explain-${push}-line`);
    expect(contrast(line, tint)).toBeGreaterThanOrEqual(3);
  });
});
