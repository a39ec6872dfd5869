import { expect, test } from '@playwright/test';

test('the served app opens and shows its heading', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Polarity');
});
