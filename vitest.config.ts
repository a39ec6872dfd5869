import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// One run covers every workspace's unit and integration tests; e2e runs in Playwright.
export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    projects: [
      { test: { name: 'core', root: './core', include: ['test/**/*.test.ts'] } },
      {
        test: {
          name: 'model-export',
          root: './model-export',
          include: ['test/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'server',
          root: './server',
          include: ['test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'web',
          root: './web',
          include: ['test/**/*.test.ts'],
          setupFiles: [join(import.meta.dirname, 'web/test/setup-indexeddb.ts')],
        },
      },
      {
        test: {
          name: 'monitoring',
          root: './monitoring',
          include: ['test/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'deploy',
          root: './deploy',
          include: ['test/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'simulator',
          root: './simulator',
          include: ['test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
