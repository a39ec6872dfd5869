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
  expect(rows[0]).toBe('text,label,confidence');
  expect(rows).toHaveLength(1001);
  expect(rows[1]?.startsWith(`"'=HYPERLINK`)).toBe(true);
  expect(rows[2]).toMatch(/^"Review 1: awful, broke at once",negative,0\.\d+$/);
});
