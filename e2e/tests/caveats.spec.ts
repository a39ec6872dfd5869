import { expect, test } from '@playwright/test';
import { api } from '../support/api-client.ts';
import { analyze, openReadyApp } from '../support/app.ts';
import { storedEvents } from '../support/stored-events.ts';

const french = 'Produit nul, arnaque totale. Il a cessé de fonctionner au bout de deux jours.';
const glowing =
  'Absolutely wonderful. The best blender I have ever owned: powerful, quiet, easy to clean, ' +
  'great value. Excellent, highly recommend, love it, perfect, amazing.';

/** No confidence anywhere on the page reads as certainty. */
async function expectNoHundredPercent(page: import('@playwright/test').Page) {
  const shown = await page.locator('body').textContent();
  expect(shown).not.toMatch(/100\s?%/);
}

test('a French review is shown as one this model cannot read, as the server says too, and stored so', async ({
  page,
}) => {
  await openReadyApp(page);
  const sent = page.waitForResponse(
    (response) => response.url().endsWith('/api/events') && response.ok(),
  );
  const card = await analyze(page, french);
  await expect(card.getByTestId('caveat')).toHaveText('This model reads English product reviews');
  await expect(card.getByTestId('caveat-detail')).toBeVisible();
  // The verdict is a de-emphasised lean, never a bare "Positive".
  await expect(card.getByTestId('result-label')).toHaveText(/^Leans (positive|negative)$/);
  await expect(card.getByTestId('confidence')).toContainText('not reliable here');
  const code = await card.getAttribute('data-caveat');
  expect(['not_english', 'mostly_unknown_words']).toContain(code);
  await expectNoHundredPercent(page);

  // Browser and server run the same inference module: the same caveat for the same text.
  const response = await api.predict.$post({ json: { text: french } });
  expect(response.status).toBe(200);
  if (response.status !== 200) return;
  const [server] = (await response.json()).predictions;
  expect(server?.caveat?.code).toBe(code);

  await sent;
  const db = storedEvents();
  try {
    const id = (await card.getAttribute('data-prediction-id'))!;
    await expect.poll(() => db.caveatOf(id), { timeout: 15_000 }).toBe(code);
  } finally {
    await db.close();
  }
});

test('a near-certain verdict reads "> 99 %" on the card and in the history, never 100 %', async ({
  page,
}) => {
  await openReadyApp(page);
  const card = await analyze(page, glowing);
  await expect(card.getByTestId('result-label')).toHaveText('Positive');
  await expect(card.getByTestId('confidence')).toHaveText('> 99 % confident it is positive');
  await expect(page.locator('.history-meta').first()).toContainText('> 99 %');
  await expectNoHundredPercent(page);
});
