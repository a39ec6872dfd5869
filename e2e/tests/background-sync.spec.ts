import { expect, test } from '@playwright/test';
import { outboxSyncTag } from '@polarity/web/outbox/sync-tag';
import { analyze, openReadyApp, waitForServiceWorker } from '../support/app.ts';
import { storedEvents } from '../support/stored-events.ts';

test('with the tab closed, Background Sync delivers the outbox from the service worker', async ({
  page,
  context,
  baseURL,
}) => {
  const db = storedEvents();
  try {
    await openReadyApp(page);
    await waitForServiceWorker(page);
    await context.setOffline(true);
    const card = await analyze(page, 'Queued offline, then delivered by the service worker alone.');
    const predictionId = (await card.getAttribute('data-prediction-id'))!;
    await card.getByRole('button', { name: 'Wrong' }).click();
    await expect(page.getByTestId('outbox-badge')).toHaveAttribute('data-pending', '2');
    expect(await db.predictionCount(predictionId)).toBe(0);

    // The tab closes before the network returns: no page is left that could send anything.
    await page.close();
    await context.setOffline(false);
    const delivered = () => db.predictionCount(predictionId);
    const deliveredWithin = async (ms: number) => {
      for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
        if ((await delivered()) > 0) return true;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return false;
    };
    // Chromium fires the sync event itself when connectivity returns; where it waits (its retry
    // back-off), the same event is dispatched the way DevTools' "Sync" button does.
    if (!(await deliveredWithin(10_000))) {
      const blank = await context.newPage();
      const cdp = await context.newCDPSession(blank);
      const origin = new URL(baseURL!).origin;
      const registrationId = new Promise<string>((resolve) => {
        cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
          const ours = registrations.find((r) => r.scopeURL.startsWith(origin) && !r.isDeleted);
          if (ours) resolve(ours.registrationId);
        });
      });
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.dispatchSyncEvent', {
        origin,
        registrationId: await registrationId,
        tag: outboxSyncTag,
        lastChance: false,
      });
      await expect.poll(delivered, { timeout: 15_000 }).toBe(1);
    }
    expect(await delivered()).toBe(1);
    expect(await db.feedbackFor(predictionId)).toEqual([
      { prediction_id: predictionId, label: 'negative' },
    ]);
  } finally {
    await db.close();
  }
});
