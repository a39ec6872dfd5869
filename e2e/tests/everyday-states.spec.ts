import { expect, test } from '@playwright/test';
import { analyze, openReadyApp, openStatus, waitForServiceWorker } from '../support/app.ts';

test('offline: a banner says so; the Server runtime falls back to the cached browser model', async ({
  page,
  context,
}) => {
  await openReadyApp(page);
  await waitForServiceWorker(page);
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
  await openStatus(page);
  await page.getByLabel('Runtime').selectOption('server');
  await expect(page.getByTestId('runtime-badge')).toHaveText('Server');

  await context.setOffline(true);
  await expect(page.getByTestId('offline-banner')).toContainText('You are offline');
  const card = await analyze(page, 'Offline and set to the server: still a clear, warm verdict.');
  await expect(card.getByTestId('result-label')).toHaveText('Positive');
  await expect(page.getByTestId('model-problem')).toContainText('cached model');
  await expect(page.getByTestId('runtime-badge')).toHaveText('WASM');
  await expect(page.locator('body')).not.toContainText('Failed to fetch');

  await context.setOffline(false);
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
});

test('a failure replaces the previous result and says what happened in words', async ({
  page,
  context,
}) => {
  // Server runtime on a first visit: no model in this browser to fall back on.
  await page.addInitScript(() => localStorage.setItem('polarity.runtime', 'server'));
  await page.goto('/');
  await expect(page.getByTestId('model-state')).toContainText('Server model');
  const card = await analyze(page, 'A fine toaster that browns evenly.');
  await expect(card).toBeVisible();
  await page.route('**/api/predict', (route) => route.abort('internetdisconnected'));
  await context.setOffline(true);
  await page.getByLabel('Product review').fill('Another review, sent while offline.');
  await page.getByRole('button', { name: 'Analyze' }).click();
  const error = page.getByTestId('analyze-error');
  await expect(error).toContainText('The server cannot be reached');
  await expect(page.getByTestId('result')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('Failed to fetch');
});

test('History: choosing an entry restores its text; Clear history empties it', async ({ page }) => {
  await openReadyApp(page);
  const first = 'The first review: a superb, quiet dishwasher that cleans everything.';
  const second = 'The second review: flimsy, loud and it broke within a week.';
  await analyze(page, first);
  await analyze(page, second);
  await expect(page.getByTestId('result-label')).toHaveText('Negative');

  const history = page.getByRole('region', { name: 'History' });
  await history.getByRole('button', { name: /The first review/ }).click();
  await expect(page.getByLabel('Product review')).toHaveValue(first);
  await expect(page.getByTestId('result-label')).toHaveText('Positive');

  page.once('dialog', (dialog) => void dialog.accept());
  await history.getByRole('button', { name: 'Clear history' }).click();
  await expect(history).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('region', { name: 'History' })).toHaveCount(0);
});

test('a paste over the 20,000-character limit says it was cut', async ({ page }) => {
  await openReadyApp(page);
  const box = page.getByLabel('Product review');
  await box.focus();
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'great '.repeat(4000));
    document.activeElement!.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  });
  await expect(page.getByTestId('paste-truncated')).toContainText('only the first 20,000');
  await expect(page.getByTestId('paste-truncated')).toContainText('4,000 were left out');
  await box.fill('short again');
  await expect(page.getByTestId('paste-truncated')).toHaveCount(0);
});

test('navigation names the page in the title and moves focus to it', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Polarity/);
  await page.getByRole('link', { name: 'Quality' }).click();
  await expect(page).toHaveTitle('Quality — Polarity');
  await expect(page.locator('main')).toBeFocused();
  await page.getByRole('link', { name: 'Batch' }).click();
  await expect(page).toHaveTitle('Batch — Polarity');
});

test('the keyboard hint is hidden on a touch screen', async ({ browser }) => {
  const phone = await browser.newContext({
    viewport: { width: 360, height: 740 },
    hasTouch: true,
    isMobile: true,
  });
  const page = await phone.newPage();
  await page.goto('/');
  await expect(page.getByText('Ctrl/⌘ + Enter to analyze')).toBeHidden();
  await expect(page.getByText('/ 20,000 characters')).toBeVisible();
  // The primary action spans the phone's width.
  const button = await page.getByRole('button', { name: 'Analyze' }).boundingBox();
  const box = await page.getByLabel('Product review').boundingBox();
  expect(button!.width).toBeCloseTo(box!.width, 0);
  await phone.close();
});

test('an Install button appears only when the browser offers installation, and asks it', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.locator('main h2').first()).toBeAttached();
  await expect(page.getByTestId('install-app')).toHaveCount(0);
  // Chromium fires beforeinstallprompt only for an installable app on a real profile; the
  // test fires the same event, with a prompt that records being asked.
  await page.evaluate(() => {
    const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
      prompt: async () => {
        (window as { polarityPrompted?: boolean }).polarityPrompted = true;
      },
      userChoice: Promise.resolve({ outcome: 'accepted' }),
    });
    window.dispatchEvent(offer);
  });
  await page.getByTestId('install-app').click();
  expect(
    await page.evaluate(() => (window as { polarityPrompted?: boolean }).polarityPrompted),
  ).toBe(true);
  await expect(page.getByTestId('install-app')).toHaveCount(0);
});
