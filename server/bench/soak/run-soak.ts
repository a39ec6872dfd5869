import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { createTestDatabase } from '../../test/support/database.ts';
import { modelName, shippedRegistryDir } from '../../test/support/model-registry.ts';
import { startServerProcess } from '../../test/support/server-process.ts';
import type { RouteStats } from './latency.ts';
import { type Sent, trafficKinds } from './traffic.ts';

/**
 * Requests per second of each kind: about 25 req/s and 160 stored events/s in all, which a
 * 2-core machine holds with the database on it, so latency reflects the server, not a queue.
 */
const soakRates = {
  predict: 6,
  events: 8,
  feedback: 4,
  download: 3,
  metadata: 2,
  scrape: 1,
} as const;

/** A kind that already has this many requests open skips its turn (counted in `skipped`). */
const maxOpenPerKind = 4;

export interface SoakReport {
  durationMs: number;
  routes: {
    route: string;
    requests: number;
    serverErrors: number;
    statuses: Record<string, number>;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
  }[];
  skipped: number;
  rss: { baselineAtMs: number; baselineMb: number; endMb: number; growthPercent: number };
  database: { expected: Record<string, number>; stored: Record<string, number>; equal: boolean };
  serverErrors: number;
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Mixed traffic against a real server process and a throwaway database; see bench/soak.ts. */
export async function runSoak(options: {
  durationMs: number;
  log?: (line: string) => void;
}): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'polarity-soak-'));
  const server = await startServerProcess({
    env: { DATABASE_URL: database.url, REGISTRY_DIR: shippedRegistryDir, DATA_DIR: dataDir },
  }).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  try {
    const { version } = (await (
      await fetch(`${server.url}/api/models/${modelName}/aliases/champion`)
    ).json()) as { version: string };
    const stats = new Map<string, RouteStats>();
    const sent: Sent = { predictionIds: new Set(), feedbackIds: new Set(), serverPredictions: 0 };
    const clientId = 'soak';
    const kinds = trafficKinds({ url: server.url, modelName, version, clientId }, stats, sent);
    log(
      `soak: ${options.durationMs / 1000} s of mixed traffic against ${server.url} (model version ${version})`,
    );

    const pid = server.child.pid!;
    // Minute 1 of the full run (warm-up, caches and pools filled); halfway through a short one.
    const baselineAtMs = Math.min(60_000, options.durationMs / 2);
    let baselineMb = 0;
    const started = performance.now();
    const open = new Set<Promise<void>>();
    let skipped = 0;
    const timers = Object.entries(soakRates).map(([kind, rate]) => {
      let openOfKind = 0;
      return setInterval(() => {
        if (openOfKind >= maxOpenPerKind) {
          skipped++;
          return;
        }
        openOfKind++;
        const request = kinds[kind as keyof typeof kinds]().finally(() => {
          openOfKind--;
          open.delete(request);
        });
        open.add(request);
      }, 1000 / rate);
    });
    const sampler = setInterval(() => {
      if (baselineMb === 0 && performance.now() - started >= baselineAtMs) baselineMb = rssMb(pid);
    }, 250);
    await sleep(options.durationMs);
    for (const timer of timers) clearInterval(timer);
    clearInterval(sampler);
    await Promise.all(open);
    const endMb = rssMb(pid);

    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    let stored: Record<string, number>;
    try {
      const count = async () => {
        const [row] = await sql<
          { events: number; feedback: number; server: number; unmatched: number }[]
        >`select
          (select count(*)::int from predictions where runtime <> 'server') as events,
          (select count(*)::int from feedback) as feedback,
          (select count(*)::int from predictions where runtime = 'server' and client_id = ${clientId}) as server,
          (select count(*)::int from predictions where runtime <> 'server' and not (id = any(${[...sent.predictionIds]}::uuid[]))) as unmatched`;
        return row!;
      };
      // The prediction log is written behind the answers: give it a moment to catch up.
      let row = await count();
      for (let i = 0; i < 50 && row.server < sent.serverPredictions; i++) {
        await sleep(200);
        row = await count();
      }
      stored = {
        prediction_events: row.events,
        feedback: row.feedback,
        server_predictions: row.server,
        unknown_ids: row.unmatched,
      };
    } finally {
      await sql.end({ timeout: 2 });
    }
    const expected = {
      prediction_events: sent.predictionIds.size,
      feedback: sent.feedbackIds.size,
      server_predictions: sent.serverPredictions,
      unknown_ids: 0,
    };
    const routes = [...stats].map(([route, s]) => ({
      route,
      requests: s.requests,
      serverErrors: s.serverErrors,
      statuses: Object.fromEntries(s.statuses),
      p50Ms: s.percentile(50),
      p99Ms: s.percentile(99),
      maxMs: s.percentile(100),
    }));
    return {
      durationMs: options.durationMs,
      routes,
      skipped,
      rss: {
        baselineAtMs,
        baselineMb,
        endMb,
        growthPercent: baselineMb === 0 ? 0 : ((endMb - baselineMb) / baselineMb) * 100,
      },
      database: { expected, stored, equal: JSON.stringify(expected) === JSON.stringify(stored) },
      serverErrors: routes.reduce((sum, r) => sum + r.serverErrors, 0),
    };
  } finally {
    await server.kill('SIGTERM');
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The report as printed by `npm run bench:soak -w server`. */
export function formatSoakReport(report: SoakReport): string {
  const lines = [
    `soak: ${report.durationMs / 1000} s, ${report.routes.reduce((s, r) => s + r.requests, 0)} requests, ${report.serverErrors} 5xx or unanswered, ${report.skipped} turns skipped (kind already had ${maxOpenPerKind} open)`,
    '',
    `${'route'.padEnd(32)}${'requests'.padStart(9)}${'5xx'.padStart(6)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'max ms'.padStart(9)}  statuses`,
    ...report.routes.map(
      (r) =>
        `${r.route.padEnd(32)}${String(r.requests).padStart(9)}${String(r.serverErrors).padStart(6)}${r.p50Ms.toFixed(1).padStart(9)}${r.p99Ms.toFixed(1).padStart(9)}${r.maxMs.toFixed(1).padStart(9)}  ${JSON.stringify(r.statuses)}`,
    ),
    '',
    `RSS: ${report.rss.baselineMb.toFixed(1)} MiB at ${report.rss.baselineAtMs / 1000} s → ${report.rss.endMb.toFixed(1)} MiB at the end (${report.rss.growthPercent >= 0 ? '+' : ''}${report.rss.growthPercent.toFixed(1)}%, budget < 20%)`,
    `database: expected ${JSON.stringify(report.database.expected)}`,
    `          stored   ${JSON.stringify(report.database.stored)} → ${report.database.equal ? 'equal' : 'DIFFERENT'}`,
  ];
  return lines.join('\n');
}
