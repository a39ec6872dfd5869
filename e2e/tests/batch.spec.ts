import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { openReadyApp } from '../support/app.ts';

test('a batch of 1,000 pasted lines downloads as a CSV with 1,000 rows, formula cells neutralised', async ({
  page,
}) => {
  await openReadyApp(page, '/#/batch');
  const lines = Array.from({ length: 1000 }, (_, i) =>
    i === 0
      ? '=HYPERLINK("http://evil.example") great'
      : `Review ${i}: ${i % 2 ? 'awful, broke at once' : 'great, works well'}`,
  );
  await page.getByLabel('Paste reviews, one per line').fill(lines.join('\n'));
  await expect(page.getByTestId('batch-count')).toHaveText('1,000 reviews');
  await page.getByRole('button', { name: 'Classify 1,000' }).click();
  await expect(page.getByTestId('batch-summary')).toContainText('1,000 classified', {
    timeout: 30_000,
  });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const csv = await readFile(await (await download).path(), 'utf8');
  const rows = csv.trimEnd().split('\r\n');
  expect(rows[0]).toBe('text,label,confidence,caveat,model_version');
  expect(rows).toHaveLength(1001);
  expect(rows[1]?.startsWith(`"'=HYPERLINK`)).toBe(true);
  expect(rows[2]).toMatch(/^"Review 1: awful, broke at once",negative,0\.\d+,[a-z_]*,\d+$/);
});

test('10,000 reviews are classified in the worker without freezing the page', async ({ page }) => {
  await openReadyApp(page, '/#/batch');
  const csv = [
    'id,review',
    ...Array.from(
      { length: 10_000 },
      (_, i) =>
        `${i},"Review ${i}: ${i % 3 ? 'sturdy and quiet, does the job' : 'flimsy lid, leaks'}"`,
    ),
  ].join('\n');
  await page
    .getByLabel('…or choose a CSV file')
    .setInputFiles({ name: 'reviews.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('batch-count')).toHaveText('10,000 reviews');
  // Every main-thread task over 50 ms, from the click to the summary.
  await page.evaluate(() => {
    const longest = { ms: 0 };
    (window as unknown as { longestTask: typeof longest }).longestTask = longest;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longest.ms = Math.max(longest.ms, entry.duration);
    }).observe({ type: 'longtask' });
  });
  await page.getByRole('button', { name: 'Classify 10,000' }).click();
  await expect(page.getByTestId('batch-progress')).toBeVisible();
  await expect(page.getByTestId('batch-summary')).toContainText('10,000 classified', {
    timeout: 60_000,
  });
  const longestTaskMs = await page.evaluate(
    () => (window as unknown as { longestTask: { ms: number } }).longestTask.ms,
  );
  console.log(`longest main-thread task during the batch: ${longestTaskMs.toFixed(0)} ms`);
  // A frozen page shows one task of seconds; a responsive one stays near a frame or a few.
  expect(longestTaskMs).toBeLessThan(250);
});

test('Cancel stops a running batch at once, with no result, and the browser model stays in use', async ({
  page,
}) => {
  await openReadyApp(page, '/#/batch');
  const csv = ['review', ...Array.from({ length: 10_000 }, (_, i) => `Review ${i}: does the job`)];
  await page.getByLabel('…or choose a CSV file').setInputFiles({
    name: 'reviews.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv.join('\n')),
  });
  await page.getByRole('button', { name: 'Classify 10,000' }).click();
  await expect(page.getByTestId('batch-progress')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText(/cancelled/)).toBeVisible({ timeout: 2_000 });
  await expect(page.getByTestId('batch-progress')).toBeHidden();
  await expect(page.getByTestId('batch-summary')).toBeHidden();
  // A cancelled batch is the user's choice, not a failure of the browser model.
  await expect(page.getByTestId('model-state')).toContainText('ready in your browser');
});
