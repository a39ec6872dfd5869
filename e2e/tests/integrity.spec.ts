import { expect, test } from '@playwright/test';
import { analyze } from '../support/app.ts';

test('a corrupt model file is refused with a visible error, and the server predicts instead', async ({
  page,
}) => {
  await page.route('**/api/models/*/versions/*/files/model.onnx', async (route) => {
    const response = await route.fetch();
    const bytes = Buffer.from(await response.body());
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
    await route.fulfill({ response, body: bytes });
  });
  await page.goto('/');
  await expect(page.getByTestId('model-problem')).toContainText('sha256 mismatch', {
    timeout: 45_000,
  });
  await expect(page.getByTestId('runtime-badge')).toHaveText('Server');

  const card = await analyze(page, 'Great value, works perfectly and arrived early.');
  await expect(card.getByTestId('result-label')).toHaveText('Positive');
  await expect(card.getByTestId('result-runtime')).toHaveText('server');
  await expect(card.locator('mark').first()).toBeVisible();
});
