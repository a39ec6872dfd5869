import { expect, type Page, test } from '@playwright/test';
import { analyze, openReadyApp } from '../support/app.ts';

/** The page fits its viewport: nothing scrolls sideways, at 360 px either. */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

const widths = [1440, 360] as const;
const schemes = ['light', 'dark'] as const;

/**
 * Every page at both widths in both colour schemes, for review, saved with the test's output
 * (test-results/<test>/<page>.png, attached to the report too).
 */
for (const scheme of schemes) {
  for (const width of widths) {
    test(`screenshots of every page (${scheme}, ${width} px)`, async ({ page }, testInfo) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: width === 360 ? 760 : 900 });
      const shoot = async (name: string) => {
        await expectNoSidewaysScroll(page);
        const path = testInfo.outputPath(`${name}-${scheme}-${width}.png`);
        await page.screenshot({ path, fullPage: true });
        await testInfo.attach(name, { path, contentType: 'image/png' });
      };
      await openReadyApp(page);
      await analyze(
        page,
        'The sound is excellent and setup was easy, but the remote feels cheap and the battery died within a week. Still, great value overall.',
      );
      await shoot('analyze');
      await page.getByTestId('status-button').click();
      await shoot('status');
      await page.keyboard.press('Escape');
      for (const route of ['batch', 'model', 'quality']) {
        await page.goto(`/#/${route}`);
        await expect(page.locator('main h2').first()).toBeVisible();
        await page.waitForLoadState('networkidle');
        await shoot(route);
      }
    });
  }
}
