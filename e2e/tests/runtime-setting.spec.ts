import { expect, test } from '@playwright/test';
import { analyze, openReadyApp, openStatus } from '../support/app.ts';
import { storedEvents } from '../support/stored-events.ts';
import { championVersion } from '../support/versions.ts';

test('the runtime can be overridden: Server predicts on the server without starting onnxruntime; Automatic returns to the browser', async ({
  page,
}) => {
  await openReadyApp(page);
  await expect(page.getByTestId('runtime-badge')).toHaveText('WASM');

  const runtimeFiles: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/assets/ort-')) runtimeFiles.push(request.url());
  });
  await openStatus(page);
  await page.getByLabel('Runtime').selectOption('server');
  await expect(page.getByTestId('runtime-badge')).toHaveText('Server');
  await expect(page.getByTestId('model-state')).toHaveText(`Server model v${championVersion}`);
  const card = await analyze(page, 'Chosen to run on the server: solid and quiet.');
  await expect(card.getByTestId('result-label')).toHaveText('Positive');
  expect(runtimeFiles).toEqual([]);

  // The server answers before its write-behind log stores the row, a few ms later.
  const db = storedEvents();
  try {
    const id = (await card.getAttribute('data-prediction-id'))!;
    await expect.poll(() => db.predictionCount(id), { timeout: 15_000 }).toBe(1);
    expect(await db.runtimeOf(id)).toEqual({ runtime: 'server', source: 'web' });
  } finally {
    await db.close();
  }

  await openStatus(page);
  await page.getByLabel('Runtime').selectOption('auto');
  await expect(page.getByTestId('model-state')).toContainText('ready in your browser', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('runtime-badge')).toHaveText('WASM');
});

test('WebGPU asked for where there is none: the problem is shown and the server predicts', async ({
  page,
}) => {
  await openReadyApp(page);
  test.skip(
    await page.evaluate(async () => {
      const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      return !!(await gpu?.requestAdapter().catch(() => null));
    }),
    'this browser has a WebGPU adapter',
  );
  await openStatus(page);
  await page.getByLabel('Runtime').selectOption('webgpu');
  await expect(page.getByTestId('model-problem')).toContainText('WebGPU cannot run this model', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('runtime-badge')).toHaveText('Server');
  const card = await analyze(page, 'No GPU here, and still an answer.');
  await expect(card.getByTestId('result-label')).toBeVisible();
});

test('changing the runtime keeps the page: no reload, the review being typed stays', async ({
  page,
}) => {
  await openReadyApp(page);
  const review = 'Half-written review of a kettle that boils fast and';
  await page.getByLabel('Product review').fill(review);
  // A reload would drop this marker along with the page's state.
  await page.evaluate(() => Object.assign(window, { polarityMarker: 'same page' }));
  await openStatus(page);
  await page.getByLabel('Runtime').selectOption('server');
  await expect(page.getByTestId('runtime-badge')).toHaveText('Server');
  await page.getByLabel('Runtime').selectOption('wasm');
  await expect(page.getByTestId('model-state')).toContainText('ready in your browser');
  expect(await page.evaluate(() => (window as { polarityMarker?: string }).polarityMarker)).toBe(
    'same page',
  );
  await expect(page.getByLabel('Product review')).toHaveValue(review);
  // Remembered for the next visit.
  await page.reload();
  await openStatus(page);
  await expect(page.getByLabel('Runtime')).toHaveValue('wasm');
});
