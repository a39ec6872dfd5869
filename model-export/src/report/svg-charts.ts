import type { ConfusionMatrix, ReliabilityBin } from '../evaluate/metrics.ts';

const font = 'font-family="sans-serif" font-size="12"';

function svg(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

const fixed = (value: number) => value.toFixed(1);

export function confusionMatrixSvg({ counts }: ConfusionMatrix, labels: readonly string[]): string {
  const cell = 90;
  const left = 110;
  const top = 50;
  const max = Math.max(1, ...counts.flat());
  const body = [`<text x="${left}" y="20" ${font}>predicted →  (rows: true label)</text>`];
  counts.forEach((row, r) => {
    body.push(`<text x="10" y="${top + r * cell + cell / 2}" ${font}>${labels[r]}</text>`);
    row.forEach((count, c) => {
      const shade = Math.round(255 - (200 * count) / max);
      body.push(
        `<rect x="${left + c * cell}" y="${top + r * cell}" width="${cell}" height="${cell}" fill="rgb(${shade},${shade},255)" stroke="#333"/>`,
        `<text x="${left + c * cell + cell / 2}" y="${top + r * cell + cell / 2}" text-anchor="middle" ${font}>${count}</text>`,
      );
    });
  });
  labels.forEach((label, c) => {
    body.push(
      `<text x="${left + c * cell + cell / 2}" y="${top - 8}" text-anchor="middle" ${font}>${label}</text>`,
    );
  });
  return svg(left + 2 * cell + 20, top + 2 * cell + 20, body);
}

/** Accuracy against mean confidence per bin; the diagonal is perfect calibration. */
export function reliabilitySvg(bins: readonly ReliabilityBin[]): string {
  const size = 300;
  const pad = 40;
  const x = (v: number) => pad + ((v - 0.5) / 0.5) * size;
  const y = (v: number) => pad + size - v * size;
  const body = [
    `<line x1="${x(0.5)}" y1="${y(0.5)}" x2="${x(1)}" y2="${y(1)}" stroke="#999" stroke-dasharray="4"/>`,
    `<line x1="${x(0.5)}" y1="${y(0)}" x2="${x(1)}" y2="${y(0)}" stroke="#333"/>`,
    `<line x1="${x(0.5)}" y1="${y(0)}" x2="${x(0.5)}" y2="${y(1)}" stroke="#333"/>`,
    `<text x="${pad}" y="20" ${font}>accuracy vs confidence (dot area ∝ count)</text>`,
    `<text x="${x(0.5)}" y="${y(0) + 16}" ${font}>0.5</text><text x="${x(1) - 10}" y="${y(0) + 16}" ${font}>1.0</text>`,
  ];
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  for (const bin of bins) {
    if (bin.count === 0) continue;
    const r = 3 + 9 * Math.sqrt(bin.count / maxCount);
    body.push(
      `<circle cx="${fixed(x(bin.meanConfidence))}" cy="${fixed(y(bin.accuracy))}" r="${fixed(r)}" fill="steelblue" fill-opacity="0.7"/>`,
    );
  }
  return svg(size + 2 * pad, size + 2 * pad, body);
}

export function barsSvg(title: string, values: Record<string, number>): string {
  const entries = Object.entries(values);
  const barWidth = 70;
  const height = 240;
  const pad = 40;
  const body = [`<text x="${pad}" y="20" ${font}>${title}</text>`];
  entries.forEach(([name, value], i) => {
    const h = value * (height - 2 * pad);
    const xPos = pad + i * (barWidth + 20);
    body.push(
      `<rect x="${xPos}" y="${fixed(height - pad - h)}" width="${barWidth}" height="${fixed(h)}" fill="steelblue"/>`,
      `<text x="${xPos + barWidth / 2}" y="${fixed(height - pad - h - 4)}" text-anchor="middle" ${font}>${value.toFixed(3)}</text>`,
      `<text x="${xPos + barWidth / 2}" y="${height - pad + 16}" text-anchor="middle" ${font}>${name}</text>`,
    );
  });
  return svg(pad * 2 + entries.length * (barWidth + 20), height, body);
}
