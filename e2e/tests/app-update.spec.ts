import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { openReadyApp, waitForServiceWorker } from '../support/app.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

test('a new build of the app is offered, not forced; Reload brings it in', async ({ page }) => {
  // The new build (vite, then precompressing every file) runs on this test's clock.
  test.setTimeout(150_000);
  await openReadyApp(page);
  await waitForServiceWorker(page);
  const running = await page.getByTestId('app-build').textContent();

  // A new deploy: the same server now serves another build.
  const next = `e2e-update-${Date.now()}`;
  execFileSync('npm', ['run', 'build', '-w', 'web'], {
    cwd: repoRoot,
    env: { ...process.env, VITE_BUILD_ID: next },
    stdio: 'ignore',
  });
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update();
  });

  const prompt = page.getByTestId('app-update');
  await expect(prompt).toContainText('A new version of Polarity is available', {
    timeout: 30_000,
  });
  // Nothing changes until the user says so.
  await expect(page.getByTestId('app-build')).toHaveText(running!);

  await prompt.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByTestId('app-build')).toHaveText(`build ${next}`, { timeout: 30_000 });
  await expect(page.getByTestId('model-state')).toContainText('ready in your browser', {
    timeout: 30_000,
  });
});
