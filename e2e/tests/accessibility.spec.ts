import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openReadyApp } from '../support/app.ts';

const pages = ['analyze', 'batch', 'quality', 'model'] as const;
const widths = [1440, 360] as const;

for (const width of widths) {
  for (const route of pages) {
    test(`axe: no violations on ${route} at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await openReadyApp(page, `/#/${route}`);
      await expect(page.locator('main h2').first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(
        violations.map(({ id, nodes }) => `${id}: ${nodes.map((node) => node.target).join(', ')}`),
      ).toEqual([]);
    });
  }
}
