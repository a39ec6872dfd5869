import type { Page } from 'playwright-core';
import { launchChromium, waitForServiceWorker, waitReady } from './browser-session.ts';
import { startServer } from './start-server.ts';

/**
 * Browser figures in headless Chromium against the real server and the built app
 * (`npm run build -w web` first): warm inference in the worker, batch throughput, first visit
 * to first result, and an offline next visit. Prints figures; asserts nothing.
 */
const review = (
  'I bought this blender for smoothies and it has been excellent: powerful motor, quiet enough ' +
  'for early mornings and easy to clean. The lid is a little flimsy and the manual is useless, ' +
  'but customer service replaced a cracked jar within a week. Compared with my old one it crushes ' +
  'ice in seconds, the controls are simple and the glass jar does not stain. '
)
  .repeat(3)
  .slice(0, 1000);

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function analyze(page: Page, text: string) {
  const before = await page.evaluate(() =>
    document.querySelector('[data-testid=result]')?.getAttribute('data-prediction-id'),
  );
  await page.getByLabel('Product review').fill(text);
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.waitForFunction((previous) => {
    const id = document.querySelector('[data-testid=result]')?.getAttribute('data-prediction-id');
    return id && id !== previous;
  }, before);
}

/** The page's own account of a visit: when the model started loading and was ready, and the worker's steps. */
function timeline(page: Page): Promise<string> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  return page.evaluate(() => {
    const [start, ready] = ['polarity:boot', 'polarity:model-ready'].map(
      (name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN,
    );
    const steps = performance
      .getEntriesByType('measure')
      .filter((entry) => entry.name.startsWith('polarity:load:'))
      .map(
        (entry) => `${entry.name.slice('polarity:load:'.length)} ${entry.duration.toFixed(0)} ms`,
      )
      .join(', ');
    return (
      `in the page, after navigation start: model start ${start!.toFixed(0)} ms, ` +
      `model ready ${ready!.toFixed(0)} ms; in the worker: ${steps}`
    );
  });
}

const server = await startServer();
const browser = await launchChromium();
try {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();

  const firstVisit = performance.now();
  await page.goto('/');
  await waitReady(page);
  await analyze(page, 'Great product, works well.');
  const firstResultMs = performance.now() - firstVisit;
  const firstTimeline = await timeline(page);

  for (let i = 0; i < 5; i++) await analyze(page, review);
  await page.evaluate(() => performance.clearMeasures('polarity:inference'));
  for (let i = 0; i < 50; i++) await analyze(page, `${review.slice(0, 990)} run ${i}`);
  const inference = await page.evaluate(() =>
    performance.getEntriesByName('polarity:inference').map((entry) => entry.duration),
  );

  const batchSize = 5000;
  await page.goto('/#/batch');
  const csv = [
    'id,review',
    ...Array.from({ length: batchSize }, (_, i) => `${i},"${review.slice(0, 300)} ${i}"`),
  ].join('\n');
  await page
    .getByLabel('…or choose a CSV file')
    .setInputFiles({ name: 'reviews.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const batchStart = performance.now();
  await page.getByRole('button', { name: `Classify ${batchSize.toLocaleString('en-US')}` }).click();
  await page.getByTestId('batch-summary').waitFor({ timeout: 120_000 });
  const batchSeconds = (performance.now() - batchStart) / 1000;

  await waitForServiceWorker(page);
  await context.setOffline(true);
  const offline = await context.newPage();
  const offlineStart = performance.now();
  await offline.goto('/');
  await waitReady(offline);
  const offlineReadyMs = performance.now() - offlineStart;
  await analyze(offline, 'Offline and still fast.');
  const offlineResultMs = performance.now() - offlineStart;
  const offlineTimeline = await timeline(offline);

  console.log(
    `warm inference, 1,000-char review, in the worker: median ${median(inference).toFixed(2)} ms (n=${inference.length}, target ≤ 2 ms)`,
  );
  console.log(
    `batch: ${Math.round(batchSize / batchSeconds).toLocaleString('en-US')} reviews/s (${batchSize} reviews of 300 chars, target ≥ 3,000)`,
  );
  console.log(
    `first visit to first result: ${firstResultMs.toFixed(0)} ms (target ≤ 2,000); ${firstTimeline}`,
  );
  console.log(
    `offline next visit: model ready ${offlineReadyMs.toFixed(0)} ms, first result ${offlineResultMs.toFixed(0)} ms (target ≤ 500); ${offlineTimeline}`,
  );
} finally {
  await browser.close();
  server.stop();
}
