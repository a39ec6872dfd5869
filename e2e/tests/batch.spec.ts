import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { openReadyApp } from '../support/app.ts';

interface BatchWatch {
  sawProgress: boolean;
  /** Results drawn while a Cancel that can no longer cancel anything is still offered. */
  sawResultsWithCancel: boolean;
}

/**
 * Watches the batch page from inside it, at every DOM change, so that what it sees does not
 * depend on how fast this process polls: a loaded machine may finish 10,000 reviews before a
 * poll sees the progress bar. With `cancelAtStart`, Cancel is pressed the moment progress first
 * shows, while the worker is still on its first chunk.
 */
async function watchBatch(page: Page, { cancelAtStart = false } = {}) {
  await page.evaluate((cancel) => {
    const watch = { sawProgress: false, sawResultsWithCancel: false };
    (window as unknown as { batchWatch: BatchWatch }).batchWatch = watch;
    const cancelButton = () =>
      Array.from(document.querySelectorAll('button')).find(
        (button) => button.textContent === 'Cancel',
      );
    new MutationObserver(() => {
      const progress = document.querySelector('[data-testid="batch-progress"]');
      if (progress && !watch.sawProgress && cancel) cancelButton()?.click();
      watch.sawProgress ||= !!progress;
      watch.sawResultsWithCancel ||=
        !!document.querySelector('[data-testid="batch-summary"]') && !!cancelButton();
    }).observe(document.body, { childList: true, subtree: true });
  }, cancelAtStart);
  return () => page.evaluate(() => (window as unknown as { batchWatch: BatchWatch }).batchWatch);
}

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
  const watched = await watchBatch(page);
  await page.getByRole('button', { name: 'Classify 10,000' }).click();
  await expect(page.getByTestId('batch-summary')).toContainText('10,000 classified', {
    timeout: 60_000,
  });
  // Progress showed while the worker ran, and went with the Cancel button as the results came.
  expect(await watched()).toEqual({ sawProgress: true, sawResultsWithCancel: false });
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
  const watched = await watchBatch(page, { cancelAtStart: true });
  await page.getByRole('button', { name: 'Classify 10,000' }).click();
  await expect(page.getByText(/cancelled/)).toBeVisible({ timeout: 2_000 });
  expect((await watched()).sawProgress).toBe(true);
  await expect(page.getByTestId('batch-progress')).toBeHidden();
  await expect(page.getByTestId('batch-summary')).toBeHidden();
  // A cancelled batch is the user's choice, not a failure of the browser model.
  await expect(page.getByTestId('model-state')).toContainText('ready in your browser');
});
