import { expect, test } from '@playwright/test';
import { analyze, openReadyApp, waitForServiceWorker } from '../support/app.ts';
import { storedEvents } from '../support/stored-events.ts';

test('offline, a reload still predicts; feedback waits in the outbox and is stored once back online', async ({
  page,
  context,
}) => {
  await openReadyApp(page);
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('model-state')).toContainText('ready in your browser', {
    timeout: 20_000,
  });
  const card = await analyze(page, 'Offline review: sturdy, reliable and a joy to use every day.');
  await expect(card.getByTestId('result-label')).toHaveText('Positive');
  const predictionId = await card.getAttribute('data-prediction-id');
  await card.getByRole('button', { name: 'Right' }).click();
  await expect(page.getByTestId('outbox-badge')).toHaveAttribute('data-pending', '2');

  // A reload while offline loses nothing: the outbox lives in IndexedDB.
  await page.reload();
  await expect(page.getByTestId('outbox-badge')).toHaveAttribute('data-pending', '2');

  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(page.getByTestId('outbox-badge')).toHaveText('synced', { timeout: 20_000 });
  // The page or the service worker's Background Sync may deliver the outbox; the database says
  // what arrived, whichever did.
  const db = storedEvents();
  try {
    expect(await db.predictionCount(predictionId!)).toBe(1);
    expect(await db.feedbackFor(predictionId!)).toEqual([
      { prediction_id: predictionId, label: 'positive' },
    ]);
  } finally {
    await db.close();
  }
});
