/**
 * `npm run bench:start -w server`: what a user waits for and what the server holds, as the README
 * promises them. Times `npm start` (from the repository root, on the embedded database) until
 * `POST /api/predict` answers 200: once as on a fresh clone (every build output out of date, a
 * new database) and once again with nothing changed; then reads the server's RSS at rest after
 * a few predictions, and its peak. Linux only (RSS from /proc).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../src/env.ts';
import { freePort } from '../test/support/free-port.ts';

/** The README's targets. */
const targets = { secondStartS: 3, restingRssMb: 300 };
/** How long the server idles after its predictions before RSS is read, ms. */
const restMs = 5_000;

interface Started {
  child: ChildProcess;
  url: string;
  readyS: number;
  /** CPU time npm start's processes had used when it was ready: what a busy machine stretches. */
  cpuS: number;
}

/** Each process of `group`, with its /proc/<pid>/stat fields after the command's name. */
async function processesOf(group: number) {
  const found: { pid: string; fields: string[] }[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // Fields after the command's closing parenthesis: state, ppid, pgrp, …
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === group) found.push({ pid, fields });
  }
  return found;
}

/** utime + stime of the group's processes and of the children they waited for (exited build steps). */
async function cpuSecondsOf(group: number) {
  const ticksPerSecond = 100;
  const ticks = (await processesOf(group)).reduce(
    (sum, { fields }) => sum + fields.slice(11, 15).reduce((a, b) => a + Number(b), 0),
    0,
  );
  return ticks / ticksPerSecond;
}

/** `npm start` in its own process group, so the build step and the server stop together. */
async function npmStart(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const began = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    const status = await fetch(`${url}/api/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Works as described.' }),
      signal: AbortSignal.timeout(2_000),
    })
      .then((response) => response.status)
      .catch(() => 0);
    if (status === 200) {
      const readyS = (performance.now() - began) / 1000;
      return { child, url, readyS, cpuS: await cpuSecondsOf(child.pid!) };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  process.kill(-child.pid!, 'SIGKILL');
  throw new Error('POST /api/predict did not answer 200 within 180 s');
}

async function stop({ child }: Started) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
}

/** The server's own process: the one in the group whose command runs server/dist/index.js. */
async function serverMemory(group: number): Promise<{ rssMb: number; peakMb: number }> {
  for (const { pid } of await processesOf(group)) {
    const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
    if (!argv.includes('server/dist/index.js')) continue;
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))?.[1]);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  }
  throw new Error('found no server/dist/index.js process under npm start');
}

const dataDir = await mkdtemp(join(tmpdir(), 'polarity-start-'));
try {
  // A fresh clone has no build stamps, so every output is rebuilt.
  await rm(join(repoRoot, 'node_modules/.cache/polarity-build'), { recursive: true, force: true });
  const first = await npmStart({ DATA_DIR: dataDir });
  await stop(first);

  const second = await npmStart({ DATA_DIR: dataDir });
  for (let i = 0; i < 20; i++) {
    await fetch(`${second.url}/api/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        texts: Array(16).fill('Sturdy, quiet and cheap; the lid broke after a week. '.repeat(8)),
      }),
    });
  }
  await new Promise((resolve) => setTimeout(resolve, restMs));
  const memory = await serverMemory(second.child.pid!);
  await stop(second);

  const s = ({ readyS, cpuS }: Started) => `${readyS.toFixed(1)} s (${cpuS.toFixed(1)} s of CPU)`;
  const mb = (value: number) => `${Math.round(value)} MB`;
  console.log(`npm start → POST /api/predict 200, first start (build + new database)  ${s(first)}`);
  console.log(
    `npm start → POST /api/predict 200, second start (nothing changed)     ${s(second)}   target ≤ ${targets.secondStartS} s`,
  );
  console.log(
    `server RSS at rest (PGlite, ${restMs / 1000} s after 20 predictions)            ${mb(memory.rssMb)}   target ≤ ${targets.restingRssMb} MB; peak ${mb(memory.peakMb)}`,
  );
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
