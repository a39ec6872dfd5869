import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@polarity/server/testing';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface RunningServer {
  url: string;
  stop(): void;
}

/** The real server (embedded database in a scratch folder) serving the built web app. */
export async function startServer(): Promise<RunningServer> {
  const port = await freePort();
  const child: ChildProcess = spawn('npx', ['tsx', 'server/src/index.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'polarity-bench-')),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    // Its own process group, so stopping it also stops the node process tsx starts.
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    if (Date.now() > deadline) {
      process.kill(-(child.pid ?? 0), 'SIGTERM');
      throw new Error(`the server did not become ready at ${url}`);
    }
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    url,
    stop: () => {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    },
  };
}
