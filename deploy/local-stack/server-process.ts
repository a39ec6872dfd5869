import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@polarity/server/testing';

const repo = fileURLToPath(new URL('../../', import.meta.url));
/** Output kept for error messages, characters. */
const keptOutput = 20_000;

export interface ServerProcess {
  url: string;
  port: number;
  /** What the server printed so far (the last 20,000 characters). */
  output(): string;
  /** SIGTERM, as Docker and Ctrl-C do, so the server drains its prediction log; SIGKILL after 15 s. */
  stop(): Promise<void>;
}

/** The API (ROLE=api, on PORT) or the monitor alone (ROLE=monitor, on MONITOR_PORT). */
const roles = {
  api: { portVariable: 'PORT', readyPath: '/readyz' },
  monitor: { portVariable: 'MONITOR_PORT', readyPath: '/healthz' },
} as const;

/**
 * Starts a server role as its own process, as the compose stack does, on a free port, and waits
 * until it says it is ready. `env` is its whole configuration (server/src/env.ts) besides the port.
 */
export async function startServerProcess(
  env: Record<string, string>,
  role: keyof typeof roles = 'api',
  readyTimeoutMs = 60_000,
): Promise<ServerProcess> {
  const { portVariable, readyPath } = roles[role];
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
    cwd: repo,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...(role === 'monitor' && { ROLE: 'monitor' }),
      ...env,
      [portVariable]: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-keptOutput);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const url = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    url,
    port,
    output: () => output,
    stop: () => stopChild(child, exited),
  };
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `the server exited with code ${child.exitCode} before it was ready:\n${output}`,
      );
    }
    const ready = await fetch(`${url}${readyPath}`, { signal: AbortSignal.timeout(2_000) })
      .then((response) => response.ok)
      .catch(() => false);
    if (ready) return server;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(
        `the ${role} was not ready on ${url} within ${readyTimeoutMs} ms:\n${output}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(killer);
}
