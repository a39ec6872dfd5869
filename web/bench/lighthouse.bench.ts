import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse, { type Flags, type Result } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { chromiumLaunchOptions } from './browser-session.ts';
import { startServer } from './start-server.ts';

/**
 * Lighthouse (mobile and desktop presets) on the built app served by the real server, in
 * Debian's Chromium: the four category scores, the load metrics behind Performance, and every
 * audit that cost a point elsewhere. Performance is measured under Lighthouse's simulated
 * throttling, which scales with this machine's own CPU: on a busy machine it reads low.
 * `npm run build -w web` first (`npm run bench:lighthouse -w web` does).
 */
const targets: Record<string, number> = {
  performance: 90,
  accessibility: 100,
  'best-practices': 100,
  seo: 100,
};

/** Chromium with a DevTools port of its own and an empty profile (a first visit). */
async function launchChromium(): Promise<{ port: number; close(): void }> {
  const profile = mkdtempSync(join(tmpdir(), 'polarity-lighthouse-'));
  const child = spawn(
    chromiumLaunchOptions.executablePath,
    [
      ...chromiumLaunchOptions.args,
      '--headless=new',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let printed = '';
    child.stderr.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(printed);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`chromium exited (${code}): ${printed}`)));
  });
  return {
    port,
    close() {
      child.kill();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function describe(preset: string, result: Result): boolean {
  const scores = Object.entries(targets).map(([id, target]) => {
    const score = Math.round((result.categories[id]?.score ?? 0) * 100);
    return { id, score, target, met: score >= target };
  });
  console.log(
    `${preset.padEnd(8)} ${scores.map(({ id, score, met }) => `${id} ${score}${met ? '' : ' (below target)'}`).join(' · ')}`,
  );
  const metric = (id: string) => result.audits[id]?.displayValue ?? '?';
  console.log(
    `         FCP ${metric('first-contentful-paint')} · LCP ${metric('largest-contentful-paint')} · TBT ${metric('total-blocking-time')} · CLS ${metric('cumulative-layout-shift')} · transfer ${metric('total-byte-weight')}`,
  );
  const lcp = (result.audits['largest-contentful-paint-element']?.details as { items?: unknown[] })
    ?.items?.[0];
  if (lcp) console.log(`         LCP element: ${JSON.stringify(lcp).slice(0, 240)}`);
  const bootup = (
    result.audits['bootup-time']?.details as { items?: Array<Record<string, unknown>> }
  )?.items;
  for (const item of bootup?.slice(0, 3) ?? []) {
    console.log(`         script time: ${String(item.url)} ${Math.round(Number(item.total))} ms`);
  }
  for (const id of ['accessibility', 'best-practices', 'seo']) {
    for (const ref of result.categories[id]?.auditRefs ?? []) {
      const audit = result.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
        console.log(`         ${id}: ${audit.id}: ${audit.title}`);
        const items = (audit.details as { items?: unknown[] } | undefined)?.items ?? [];
        for (const item of items.slice(0, 5))
          console.log(`           ${JSON.stringify(item).slice(0, 300)}`);
      }
    }
  }
  return scores.filter(({ id }) => id !== 'performance').every(({ met }) => met);
}

const server = await startServer();
const chromium = await launchChromium();
let allMet = true;
try {
  const flags: Flags = { port: chromium.port, output: 'json', logLevel: 'error' };
  const url = `${server.url}/`;
  for (const [preset, config] of [
    ['mobile', undefined],
    ['desktop', desktopConfig],
  ] as const) {
    const run = await lighthouse(url, flags, config);
    if (!run) throw new Error(`lighthouse returned nothing for ${preset}`);
    allMet = describe(preset, run.lhr) && allMet;
  }
} finally {
  chromium.close();
  await server.stop();
}
// Performance depends on the machine's load; the other three do not, so they are the gate.
if (!allMet) process.exitCode = 1;
