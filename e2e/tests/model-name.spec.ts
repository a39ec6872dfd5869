import { expect, test } from '@playwright/test';
import { modelName } from '../playwright.config.ts';
import { analyze, openReadyApp } from '../support/app.ts';
import { storedEvents } from '../support/stored-events.ts';

test('the app runs the model the server names (MODEL_NAME), not a name it assumes, and its events say so', async ({
  page,
}) => {
  const db = storedEvents();
  try {
    await openReadyApp(page);
    const sent = page.waitForResponse(
      (response) => response.url().endsWith('/api/events') && response.ok(),
    );
    const card = await analyze(page, 'Soft towels that wash well and dry fast. Very happy.');
    await expect(card.getByTestId('result-runtime')).toHaveText(/WASM|WebGPU/);
    const predictionId = await card.getAttribute('data-prediction-id');
    expect(predictionId).toBeTruthy();
    await sent;
    await expect
      .poll(() => db.modelOf(predictionId!))
      .toEqual({ model_name: modelName, model_version: '1' });
  } finally {
    await db.close();
  }
});
