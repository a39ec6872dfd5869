import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { analyze, openReadyApp } from '../support/app.ts';

/** The page fits its viewport: nothing scrolls sideways, at 360 px either. */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

const dir = fileURLToPath(new URL('../screenshots/', import.meta.url));
const viewports = {
  desktop: { width: 1280, height: 860 },
  phone: { width: 360, height: 760 },
};

for (const [name, viewport] of Object.entries(viewports)) {
  test(`screenshots of the main screens (${name})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openReadyApp(page);
    await analyze(
      page,
      'The sound is excellent and setup was easy, but the remote feels cheap and the battery died within a week. Still, great value overall.',
    );
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${dir}analyze-${name}.png`, fullPage: true });

    await page.goto('/#/batch');
    await page
      .getByLabel('Paste reviews, one per line')
      .fill('Great product\nTerrible, broke in a day\nWorks as described, happy');
    await page.getByRole('button', { name: 'Classify 3' }).click();
    await expect(page.getByTestId('batch-summary')).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${dir}batch-${name}.png`, fullPage: true });

    await page.goto('/#/model');
    await expect(page.getByTestId('model-summary')).toContainText('held-out reviews', {
      timeout: 15_000,
    });
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${dir}model-${name}.png`, fullPage: true });

    await page.goto('/#/quality');
    await expect(page.getByRole('heading', { name: 'Quality' })).toBeVisible();
    await page.waitForTimeout(500);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${dir}quality-${name}.png`, fullPage: true });
  });
}
