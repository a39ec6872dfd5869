import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { freePort } from '../support/free-port.ts';
import { modelName, recordVersion, seedPredictions, trainingProfile } from './seed-quality-rows.ts';

const serverDir = new URL('../..', import.meta.url).pathname;

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await recordVersion(database.db, '1', { training_profile: trainingProfile });
  await seedPredictions(database.db, {
    version: '1',
    count: 200,
    spanMinutes: 30,
    feedbackShare: 0.5,
    agreeShare: 0.8,
  });
});

afterAll(() => database?.drop());

describe('ROLE=monitor (the entry point docker compose runs)', () => {
  it('serves quality gauges and process metrics on MONITOR_PORT and stops on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: serverDir,
      env: {
        PATH: process.env.PATH ?? '',
        ROLE: 'monitor',
        MONITOR_PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: database.url,
        REGISTRY_DIR: '/nonexistent-registry',
        MONITOR_INTERVAL_MS: '1000',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    try {
      const deadline = Date.now() + 30_000;
      let text = '';
      while (
        !text.includes(
          `polarity_model_accuracy_ratio{model="${modelName}",version="1",window="1h"}`,
        )
      ) {
        if (Date.now() > deadline)
          throw new Error(`no accuracy gauge on :${port}; stderr: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 300));
        text = await fetch(`http://127.0.0.1:${port}/metrics`).then(
          (r) => r.text(),
          () => '',
        );
      }
      expect(text).toContain('process_cpu_seconds_total');
      expect(text).toMatch(/polarity_monitor_last_success_timestamp_seconds \d/);
      expect(text).not.toContain('http_requests_total');
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise((resolve) =>
      child.exitCode === null ? child.once('exit', resolve) : resolve(child.exitCode),
    );
    expect(code).toBe(0);
  });
});
