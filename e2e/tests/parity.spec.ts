import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { api } from '../support/api-client.ts';
import { openReadyApp } from '../support/app.ts';
import { storedEvents } from '../support/stored-events.ts';
import { testReviews } from '../support/test-reviews.ts';

test('the browser and the server give the same labels and probabilities on 200 test reviews, and on non-ASCII ones', async ({
  page,
}) => {
  const loaded = testReviews(25);
  test.skip(!loaded, 'the shared data set is not available');
  // One review per line in the batch box, so line breaks inside a review become spaces for both.
  // Plus reviews outside plain ASCII: the worker encodes them with transformers.js, which it
  // loads only when the first such text arrives.
  const reviews = [
    ...loaded!.map((text) => text.replace(/\s*[\r\n]+\s*/g, ' ')),
    'Très bon mixeur — silencieux, puissant, et le bol se nettoie facilement. Excellent!',
    'Naïve design: the “quick start” guide is useless and it broke after a week. Terrible.',
  ];

  await openReadyApp(page, '/#/batch');
  await page.getByLabel('Paste reviews, one per line').fill(reviews.join('\n'));
  await page.getByRole('button', { name: 'Classify 202' }).click();
  await expect(page.getByTestId('batch-summary')).toContainText('202 classified', {
    timeout: 30_000,
  });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const csv = await readFile(await (await download).path(), 'utf8');
  // label, confidence, caveat and model_version end each row, whatever the text holds
  const browser = [
    ...csv.matchAll(/,(positive|negative),([0-9.]+),([a-z_]*),([^,\r\n]*)\r\n/g),
  ].map((m) => ({
    label: m[1],
    positive: m[1] === 'positive' ? Number(m[2]) : 1 - Number(m[2]),
  }));
  expect(browser).toHaveLength(202);
  // Scored in the worker throughout, the non-ASCII ones included, not handed to the server.
  await expect(page.getByTestId('model-state')).toContainText('ready in your browser');

  const serverCaveats = new Map<string, string | null>();
  for (let start = 0; start < reviews.length; start += 64) {
    const response = await api.predict.$post({
      json: { texts: reviews.slice(start, start + 64) },
    });
    expect(response.status).toBe(200);
    if (response.status !== 200) return;
    const { predictions } = await response.json();
    predictions.forEach((server, offset) => {
      const i = start + offset;
      serverCaveats.set(reviews[i]!, server.caveat?.code ?? null);
      expect(browser[i]!.label, `review ${i}`).toBe(server.label);
      // the CSV rounds to 6 decimals, well inside the 1e-5 tolerance
      expect(
        Math.abs(browser[i]!.positive - server.probabilities.positive),
        `review ${i}`,
      ).toBeLessThanOrEqual(1e-5);
    });
  }

  // The caveat: what the browser logged through its outbox against what the server answered.
  const db = storedEvents();
  try {
    await expect
      .poll(async () => (await db.browserCaveats(reviews)).size, { timeout: 30_000 })
      .toBe(new Set(reviews).size);
    const browserCaveats = await db.browserCaveats(reviews);
    for (const [text, code] of serverCaveats) expect(browserCaveats.get(text), text).toBe(code);
    // the French review is among them, so not every caveat is null
    expect([...serverCaveats.values()].some((code) => code !== null)).toBe(true);
  } finally {
    await db.close();
  }
});
