import { expect, type Locator, type Page, test } from '@playwright/test';
import { openReadyApp } from '../support/app.ts';

/** Presses Tab until `target` has focus, as a keyboard user would; fails if it never does. */
async function tabTo(page: Page, target: Locator) {
  for (let presses = 0; presses < 30; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('keyboard only: analyze and give feedback without a pointer, with a visible focus ring', async ({
  page,
}) => {
  await openReadyApp(page);
  const review = page.getByLabel('Product review');
  await tabTo(page, review);
  await page.keyboard.type('Great blender: quiet, powerful and easy to clean.');
  await page.keyboard.press('Control+Enter');
  const card = page.getByTestId('result');
  await expect(card.getByTestId('result-label')).toHaveText('Positive');

  const right = card.getByRole('button', { name: 'Right' });
  await tabTo(page, right);
  expect(await right.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe(
    'none',
  );
  await page.keyboard.press('Enter');
  await expect(right).toHaveAttribute('aria-pressed', 'true');
});

test('a result arrives without moving what is below it', async ({ page }) => {
  await openReadyApp(page);
  const slot = page.locator('.result-slot');
  const before = await slot.boundingBox();
  await page.getByLabel('Product review').fill('Sturdy kettle, boils fast, a little loud.');
  await page.getByRole('button', { name: 'Analyze' }).click();
  await expect(page.getByTestId('result')).toBeVisible();
  const after = await slot.boundingBox();
  expect(after?.y).toBe(before?.y);
  expect(after?.height).toBe(before?.height);
});

test('everything the app loads comes from its own origin, and the page is cross-origin isolated', async ({
  page,
  context,
  baseURL,
}) => {
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  await openReadyApp(page);
  // A non-ASCII review makes the worker load transformers.js too.
  await page.getByLabel('Product review').fill('Très bon produit, je le recommande.');
  await page.getByRole('button', { name: 'Analyze' }).click();
  await expect(page.getByTestId('result')).toBeVisible();
  await expect(page.getByTestId('runtime-badge')).toHaveText('WASM');

  // The worker's own requests are among those seen: onnxruntime's binary and transformers.js.
  expect(urls.some((url) => url.includes('/assets/ort-'))).toBe(true);
  expect(urls.some((url) => /\/assets\/load-tokenizer-[\w-]+\.js$/.test(url))).toBe(true);
  const own = new URL(baseURL!).origin;
  const elsewhere = urls.filter((url) => {
    const { origin } = new URL(url);
    return origin !== own && origin !== 'null';
  });
  expect(elsewhere).toEqual([]);
  // COOP + COEP: the precondition for onnxruntime's threads (SharedArrayBuffer).
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
});
