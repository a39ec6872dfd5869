import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const serverDir = new URL('..', import.meta.url).pathname;

/** Starts the real entry point and collects what it prints before it exits. */
function start(env: Record<string, string>, timeoutMs = 30_000) {
  return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: serverDir,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not exit within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

function expectOneLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

describe('bad configuration exits with one line naming the variable', () => {
  it('malformed DATABASE_URL', async () => {
    const { code, stderr } = await start({ DATABASE_URL: 'mysql://db/x' });
    expect(code).toBe(1);
    expectOneLine(stderr, /^polarity: DATABASE_URL: must be a postgres/);
  });

  it('DATABASE_URL pointing at nothing', async () => {
    const { code, stderr } = await start({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
      DATA_DIR: tmpdir(),
    });
    expect(code).toBe(1);
    expectOneLine(stderr, /^polarity: DATABASE_URL: cannot apply migrations/);
  });

  it('port in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { code, stderr } = await start({
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: join(tmpdir(), `polarity-port-${port}`),
      });
      expect(code).toBe(1);
      expectOneLine(stderr, new RegExp(`^polarity: PORT: ${port} is already in use$`));
    } finally {
      blocker.close();
    }
  });

  it('unwritable DATA_DIR', async () => {
    const file = join(tmpdir(), `polarity-not-a-dir-${process.pid}`);
    writeFileSync(file, 'a file, not a folder');
    const { code, stderr } = await start({ DATA_DIR: join(file, 'data') });
    expect(code).toBe(1);
    expectOneLine(stderr, /^polarity: DATA_DIR: cannot create /);
  });
});
