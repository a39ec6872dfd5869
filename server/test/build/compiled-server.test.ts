import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/env.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startServerProcess } from '../support/server-process.ts';

const dist = join(repoRoot, 'server', 'dist');

async function predict(url: string, text: string) {
  const response = await fetch(`${url}/api/predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  return { status: response.status, body: (await response.json()) as { predictions: unknown[] } };
}

describe('the compiled server (npm run build → server/dist) on plain node', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    // What `npm start` does before it starts the server.
    execFileSync(process.execPath, ['build/build.mjs', '--if-changed', '--skip-web'], {
      cwd: repoRoot,
      stdio: 'pipe',
    });
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  it('serves predictions on the main thread and in its inference workers, without tsx', async () => {
    const server = await startServerProcess({
      env: { DATABASE_URL: database.url, ROLE: 'api' },
      runs: 'compiled',
    });
    try {
      expect(server.child.spawnargs.join(' ')).not.toContain('tsx');
      const short = await predict(server.url, 'Great value, works perfectly.');
      expect(short.status).toBe(200);
      expect(short.body.predictions[0]).toMatchObject({ label: 'positive' });
      // Past the main thread's share (main-thread-lane.ts), so dist/inference-worker.js scores it.
      const long = await predict(
        server.url,
        'Broke after two days. Very disappointed. '.repeat(150),
      );
      expect(long.status).toBe(200);
      expect(long.body.predictions[0]).toMatchObject({ label: 'negative' });
    } finally {
      await server.stop();
    }
  });

  it('runs the monitor role', async () => {
    const monitor = await startServerProcess({
      env: { DATABASE_URL: database.url, ROLE: 'monitor' },
      runs: 'compiled',
    });
    try {
      const metrics = await (await fetch(`${monitor.url}/metrics`)).text();
      expect(metrics).toContain('process_resident_memory_bytes');
    } finally {
      await monitor.stop();
    }
  });

  it('maps its stack traces to the TypeScript sources', () => {
    for (const bundle of ['index', 'inference-worker']) {
      const map = JSON.parse(readFileSync(join(dist, `${bundle}.js.map`), 'utf8')) as {
        sources: string[];
      };
      expect(map.sources).toContain(
        bundle === 'index' ? '../src/index.ts' : '../src/models/inference-worker.ts',
      );
      expect(map.sources.some((source) => source.startsWith('../../core/src/'))).toBe(true);
    }
  });
});
