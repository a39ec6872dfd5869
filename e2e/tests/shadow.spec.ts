import { expect, test } from '@playwright/test';
import { aliasOf, api } from '../support/api-client.ts';
import { analyze, openReadyApp } from '../support/app.ts';
import { storedEvents } from '../support/stored-events.ts';
import { championVersion, spareVersion } from '../support/versions.ts';

const challenger = api.admin.models[':name'].aliases[':alias'];

test.afterEach(async () => {
  await challenger.$delete(aliasOf('challenger'));
});

test('a challenger scores every review in shadow, and the feedback judges it too', async ({
  page,
}) => {
  const db = storedEvents();
  const set = await challenger.$post({ ...aliasOf('challenger'), json: { version: spareVersion } });
  expect(set.ok, await set.text()).toBe(true);
  try {
    await openReadyApp(page);
    await expect(page.getByTestId('model-shadow')).toHaveText(
      `challenger v${spareVersion} in shadow`,
    );

    const text = `Shadowed review ${Date.now()}: sturdy, quiet and easy to clean.`;
    const card = await analyze(page, text);
    // The user sees the champion's verdict only.
    await expect(card.getByTestId('result-version')).toHaveText(`v${championVersion}`);
    const championId = await card.getAttribute('data-prediction-id');
    await card.getByRole('button', { name: 'Wrong' }).click();
    await expect(page.getByTestId('outbox-badge')).toHaveText('synced', { timeout: 15_000 });

    await expect
      .poll(() => db.predictionsOfText(text))
      .toEqual([
        expect.objectContaining({ id: championId, model_version: championVersion, shadow: false }),
        expect.objectContaining({ model_version: spareVersion, shadow: true }),
      ]);
    const rows = await db.predictionsOfText(text);
    // "Wrong" judges the verdict the user saw, the champion's, whatever the challenger said.
    const said = rows.find((row) => !row.shadow)?.label;
    const label = said === 'positive' ? 'negative' : 'positive';
    for (const row of rows) {
      await expect.poll(() => db.feedbackFor(row.id)).toEqual([{ prediction_id: row.id, label }]);
    }
  } finally {
    await db.close();
  }
});
