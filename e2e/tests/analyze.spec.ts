import { expect, test } from '@playwright/test';
import { analyze, openReadyApp } from '../support/app.ts';
import { storedEvents } from '../support/stored-events.ts';
import { championVersion } from '../support/versions.ts';

const review =
  'Excellent blender, powerful and quiet. I love it and would recommend it. ' +
  'The lid is a bit flimsy and the manual is useless.';

test('analyzing a review shows the verdict, confidence and highlighted words, computed in the browser', async ({
  page,
  baseURL,
}) => {
  const foreignRequests: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(`${baseURL}/`)) foreignRequests.push(request.url());
  });
  await openReadyApp(page);
  const card = await analyze(page, review);
  await expect(card.getByTestId('result-label')).toHaveText('Positive');
  await expect(card.getByTestId('confidence')).toContainText('% confident');
  await expect(card.getByTestId('result-runtime')).toHaveText(/WASM|WebGPU/);
  await expect(card.getByTestId('result-version')).toHaveText(`v${championVersion}`);
  await expect(card.locator('mark.push-positive').first()).toBeVisible();
  await expect(card.locator('mark.push-negative').first()).toBeVisible();
  await expect(card.getByTestId('highlighted-text')).toHaveText(review);
  // onnxruntime, the model and the tokenizer all come from our own server, never a CDN
  expect(foreignRequests).toEqual([]);
});

test('the review is rendered as text, never as HTML', async ({ page }) => {
  await openReadyApp(page);
  const hostile = '<img src=x onerror="window.__pwned=1"> terrible <b>awful</b> product';
  const card = await analyze(page, hostile);
  await expect(card.getByTestId('highlighted-text')).toHaveText(hostile);
  await expect(card.locator('img, b')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('Ctrl+Enter analyzes, and 👍 stores a feedback row that a later 👎 replaces', async ({
  page,
}) => {
  await openReadyApp(page);
  await page.getByLabel('Product review').fill('Broke after two days. Waste of money, avoid.');
  const sent = page.waitForResponse(
    (response) => response.url().endsWith('/api/events') && response.ok(),
  );
  await page.getByLabel('Product review').press('Control+Enter');
  const card = page.getByTestId('result');
  await expect(card.getByTestId('result-label')).toHaveText('Negative');
  const predictionId = await card.getAttribute('data-prediction-id');
  expect(predictionId).toBeTruthy();
  await sent;

  await card.getByRole('button', { name: 'Right' }).click();
  await expect(card.getByRole('button', { name: 'Right' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('outbox-badge')).toHaveText('synced', { timeout: 15_000 });

  const db = storedEvents();
  try {
    await expect
      .poll(() => db.feedbackFor(predictionId!))
      .toEqual([{ prediction_id: predictionId, label: 'negative' }]);
    expect(await db.predictionCount(predictionId!)).toBe(1);
    await card.getByRole('button', { name: 'Wrong' }).click();
    await expect
      .poll(() => db.feedbackFor(predictionId!))
      .toEqual([{ prediction_id: predictionId, label: 'positive' }]);
  } finally {
    await db.close();
  }
});
