import { expect, test } from '@playwright/test';
import { outboxDbName } from '@polarity/web/outbox/outbox-db';
import { analyze, openReadyApp } from '../support/app.ts';
import { storedEvents } from '../support/stored-events.ts';

test('an event the server refuses does not hold back the others: it is listed as rejected, with its reason, and never resent', async ({
  page,
}) => {
  const db = storedEvents();
  try {
    await openReadyApp(page);
    // Queued straight into IndexedDB, as an older build with a looser contract would have:
    // the server refuses a model version longer than 64 characters, event by event.
    const refusedId = await page.evaluate(
      ([name]) =>
        new Promise<string>((resolve, reject) => {
          const id = crypto.randomUUID();
          const open = indexedDB.open(name!);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('events', 'readwrite');
            tx.objectStore('events').put({
              queuedAt: performance.timeOrigin + performance.now(),
              event: {
                type: 'prediction',
                id,
                created_at: new Date().toISOString(),
                client_id: 'e2e-older-build',
                source: 'web',
                model: { name: 'polarity-sentiment', version: 'v'.repeat(65) },
                label: 'positive',
                probabilities: { negative: 0.1, positive: 0.9 },
                runtime: 'wasm',
                latency_ms: 3,
                text: 'Queued by an older build with a model version the server refuses.',
              },
            });
            tx.oncomplete = () => {
              open.result.close();
              resolve(id);
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      [outboxDbName],
    );

    // A prediction made now joins it in the next batch.
    const card = await analyze(
      page,
      'A valid review: solid build, fair price, works as described.',
    );
    const validId = (await card.getAttribute('data-prediction-id'))!;
    await expect(page.getByTestId('outbox-badge')).toHaveText('synced', { timeout: 15_000 });
    await expect.poll(() => db.predictionCount(validId)).toBe(1);
    expect(await db.predictionCount(refusedId)).toBe(0);

    // The rejected list opens from the keyboard and says why.
    const summary = page.getByText('1 rejected');
    await expect(summary).toBeVisible();
    await summary.focus();
    await page.keyboard.press('Enter');
    const entry = page.getByTestId('rejected-event');
    await expect(entry).toHaveAttribute('data-event-id', refusedId);
    await expect(entry).toContainText('Queued by an older build');
    await expect(entry).toContainText('model.version');

    // A reload neither resends it nor forgets it.
    await page.reload();
    await expect(page.getByText('1 rejected')).toBeVisible();
    await expect(page.getByTestId('outbox-badge')).toHaveText('synced');
    expect(await db.predictionCount(refusedId)).toBe(0);

    await page.getByText('1 rejected').click();
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByTestId('rejected-events')).toHaveCount(0);
  } finally {
    await db.close();
  }
});
