import { expect, type Page } from '@playwright/test';

/** Opens the app and waits until the model runs in the browser (downloaded, verified, warm). */
export async function openReadyApp(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId('model-state')).toContainText('ready in your browser', {
    timeout: 45_000,
  });
}

/** Types a review, analyzes it, and returns the result card. */
export async function analyze(page: Page, text: string) {
  await page.getByLabel('Product review').fill(text);
  await page.getByRole('button', { name: 'Analyze' }).click();
  const card = page.getByTestId('result');
  await expect(card).toBeVisible();
  return card;
}

export { waitForServiceWorker } from '@polarity/web/bench/browser-session';

/** Opens the header's status and settings popover (runtime, model, sync, build). */
export async function openStatus(page: Page): Promise<void> {
  const popover = page.getByTestId('status-popover');
  if (await popover.isVisible()) return;
  await page.getByTestId('status-button').click();
  await expect(popover).toBeVisible();
}
