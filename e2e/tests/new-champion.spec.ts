import { expect, test } from '@playwright/test';
import { aliasOf, api } from '../support/api-client.ts';
import { analyze, openReadyApp } from '../support/app.ts';
import { championVersion, spareVersion } from '../support/versions.ts';

const promote = (version: string) =>
  api.admin.models[':name'].aliases[':alias'].$post({ ...aliasOf('champion'), json: { version } });

test.afterEach(async () => {
  await promote(championVersion);
});

test('a new champion is offered, not forced; after switching, predictions carry the new version', async ({
  page,
}) => {
  await openReadyApp(page);
  const before = await analyze(page, 'Solid kettle, boils fast and looks good.');
  await expect(before.getByTestId('result-version')).toHaveText(`v${championVersion}`);

  const promoted = await promote(spareVersion);
  expect(promoted.ok, await promoted.text()).toBe(true);

  await page.reload();
  const prompt = page.getByTestId('model-update');
  await expect(prompt).toContainText(`New model v${spareVersion} available`, { timeout: 30_000 });
  // The old version keeps answering while the prompt waits.
  const still = await analyze(page, 'Terrible kettle, leaks and rusts.');
  await expect(still.getByTestId('result-version')).toHaveText(`v${championVersion}`);

  const events: { model: { version: string } }[] = [];
  page.on('request', (sent) => {
    if (sent.url().endsWith('/api/events')) events.push(...(sent.postDataJSON().events ?? []));
  });
  await prompt.getByRole('button', { name: 'Switch' }).click();
  await expect(page.getByTestId('model-state')).toContainText(`Model v${spareVersion} ready`, {
    timeout: 30_000,
  });
  await expect(prompt).toBeHidden();
  const after = await analyze(page, 'Lovely kettle, quiet and quick.');
  await expect(after.getByTestId('result-version')).toHaveText(`v${spareVersion}`);
  await expect
    .poll(
      () =>
        events.filter((event) => 'label' in event && event.model?.version === spareVersion).length,
    )
    .toBeGreaterThan(0);
});
