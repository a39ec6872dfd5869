import autocannon, { type Result } from 'autocannon';

const shortText = 'Great blender, works perfectly!';
/** A 1,000-character review, the long case of the performance target. */
const longText =
  'I bought this blender for smoothies and soups, and after three months of daily use it still works well. '
    .repeat(10)
    .slice(0, 1000);

export const predictCases = { short: shortText, '1,000 chars': longText } as const;

/** `POST /api/predict` with one text per request, 16 connections, as the target is stated. */
export function benchPredict(url: string, text: string, durationS: number): Promise<Result> {
  return autocannon({
    url: `${url}/api/predict`,
    connections: 16,
    duration: durationS,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, source: 'simulator', client_id: 'bench' }),
  });
}
