import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from './free-port.ts';

const serverDir = new URL('../../', import.meta.url).pathname;

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves when a line matching `pattern` has been printed. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Sends `signal` and resolves with the exit code once the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /** SIGTERM, as Docker and Ctrl-C send it, so the server drains; SIGKILL after 15 s. */
  stop(): Promise<number | null>;
}

export interface ServerProcessOptions {
  /** Its configuration (server/src/env.ts) besides the port; ROLE picks api, all or monitor. */
  env: Record<string, string>;
  /**
   * Printed when the process is ready. By default it is ready once `/readyz` (the monitor:
   * `/healthz`) answers 200, which for the API means the champion is loaded and warm.
   */
  ready?: RegExp;
  timeoutMs?: number;
  /**
   * `source` (the default): src/index.ts through tsx, so tests run the code as it is written;
   * `compiled`: dist/index.js on plain node with the image's flags, as `npm start` and the image
   * run it (build first: `node build/build.mjs --if-changed --skip-web`).
   */
  runs?: 'source' | 'compiled';
  /** Extra node flags before the entry point, e.g. `--cpu-prof` for the bench's profile. */
  nodeArgs?: string[];
}

const entryArgs = {
  source: ['--import', 'tsx', 'src/index.ts'],
  // The image's CMD and `npm start`: the semi-space size is part of what is measured.
  compiled: ['--enable-source-maps', '--max-semi-space-size=8', 'dist/index.js'],
};

/**
 * Starts a real server process on a free port, through the one entry point, and waits until it
 * is ready. Callers must `stop()` or `kill()` it (afterAll/finally).
 * The one way tests, benchmarks and `npm run loop` start a server.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const monitor = options.env.ROLE === 'monitor';
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), ...entryArgs[options.runs ?? 'source']],
    {
      cwd: serverDir,
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        RATE_LIMIT_PER_SECOND: '0',
        ...(options.runs === 'compiled' && { MALLOC_ARENA_MAX: '2' }),
        ...options.env,
        [monitor ? 'MONITOR_PORT' : 'PORT']: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const waitFor = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(output)) {
          done();
          resolve();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          done();
          reject(new Error(`server exited before printing ${pattern}:\n${output}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`server did not print ${pattern} within ${timeoutMs} ms:\n${output}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
        child.off('exit', check);
      };
      listeners.add(check);
      child.once('exit', check);
      check();
    });

  const server: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => output,
    waitFor,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(killer);
      return code;
    },
  };
  const timeoutMs = options.timeoutMs ?? 60_000;
  try {
    if (options.ready) await waitFor(options.ready, timeoutMs);
    else
      await answers(
        `${server.url}${monitor ? '/healthz' : '/readyz'}`,
        child,
        timeoutMs,
        () => output,
      );
  } catch (error) {
    await server.kill();
    throw error;
  }
  return server;
}

/** Polls `url` until it answers 200; fails as soon as the process exits, or after `timeoutMs`. */
async function answers(url: string, child: ChildProcess, timeoutMs: number, output: () => string) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited before ${url} answered:\n${output()}`);
    }
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline) {
      throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
