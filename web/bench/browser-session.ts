import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium and the flags the benches and the e2e tests run it with. */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions);
}

/** Checked on every animation frame: a locator's back-off polling would add up to 500 ms. */
export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document
        .querySelector('[data-testid=model-state]')
        ?.textContent?.includes('ready in your browser'),
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
}

/**
 * Waits until the service worker is installed (app shell and onnxruntime cached) and controls
 * the page, so a reload or the next visit can be served offline.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((resolve) =>
      navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
    );
  });
}
