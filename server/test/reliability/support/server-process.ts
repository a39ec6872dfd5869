import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '../../support/free-port.ts';

const serverDir = new URL('../../../', import.meta.url).pathname;

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
}

export interface ServerProcessOptions {
  env: Record<string, string>;
  /** The env var holding the port to listen on (PORT, or MONITOR_PORT for the monitor). */
  portVariable?: 'PORT' | 'MONITOR_PORT';
  /** Printed when the process is ready. */
  ready?: RegExp;
  timeoutMs?: number;
}

/**
 * Starts a real server process on a free port, as production runs it (tsx, the real entry
 * point), and waits until it says it is ready. Callers must `kill()` it (use afterAll/finally).
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: serverDir,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      RATE_LIMIT_PER_SECOND: '0',
      ...options.env,
      [options.portVariable ?? 'PORT']: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
  };
  try {
    await waitFor(options.ready ?? /polarity: serving model/, options.timeoutMs ?? 45_000);
  } catch (error) {
    await server.kill();
    throw error;
  }
  return server;
}

/** POSTs JSON and returns the status, headers and parsed body (never throws on HTTP errors). */
export async function postJson(url: string, body: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, body: json as never };
}
