import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '@polarity/web/bench/browser-session';
import { e2eDatabaseUrl } from './support/database.ts';

/** The server under test: the real one, on its own port, against the test database. */
const port = Number(process.env.E2E_PORT ?? 8188);
export const baseURL = `http://127.0.0.1:${port}`;
/** Lets the tests promote a new champion through the admin API. */
export const adminToken = 'e2e-admin-token-0123456789';
/**
 * The server serves the shipped model under a name of its own (MODEL_NAME), so every test also
 * proves that clients learn the name from the server rather than assuming the default one.
 */
export const modelName = 'e2e-sentiment';

const scratch = mkdtempSync(join(tmpdir(), 'polarity-e2e-'));
const registryDir = join(scratch, 'registry');

const serverEnv: Record<string, string> = {
  PORT: String(port),
  DATABASE_URL: await e2eDatabaseUrl(),
  HOST: '127.0.0.1',
  DATA_DIR: join(scratch, 'data'),
  REGISTRY_DIR: registryDir,
  ADMIN_TOKEN: adminToken,
  MODEL_NAME: modelName,
  // The tests promote a version and expect browsers to see it without waiting 30 s.
  CHAMPION_POLL_INTERVAL_MS: '1000',
};

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  workers: 1,
  globalTeardown: './support/database.ts',
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  use: {
    baseURL,
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: `npx tsx e2e/support/prepare-registry.ts registry ${registryDir} ${modelName} && npm start`,
    cwd: '..',
    url: `${baseURL}/readyz`,
    timeout: 180_000,
    reuseExistingServer: false,
    env: serverEnv,
    stdout: 'pipe',
  },
});
