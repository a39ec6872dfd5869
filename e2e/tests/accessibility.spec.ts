import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openReadyApp } from '../support/app.ts';

const pages = ['analyze', 'batch', 'quality', 'model'] as const;
const widths = [1440, 360] as const;

for (const width of widths) {
  for (const route of pages) {
    test(`axe: no violations on ${route} at ${width} px`, async ({ page }) => {
      test.fail(
        route === 'quality' && width === 360,
        "the Quality page's table scrolls sideways on a phone without being focusable " +
          '(scrollable-region-focusable); the Quality page is being rebuilt on its own branch',
      );
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
