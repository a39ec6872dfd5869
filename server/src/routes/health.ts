import { Hono } from 'hono';
import type { Database } from '../db/client.ts';
import { migrationsApplied } from '../db/migrations.ts';
import type { PredictionWriter } from '../ingest/prediction-writer.ts';

/**
 * A prediction log that has failed to write for this long, or is this full, is not draining: a
 * replica in that state should get no new traffic, since each prediction it serves may be lost.
 */
const logStalledAfterMs = 5_000;
const logFullAbove = 0.5;

/** Liveness says the process answers; readiness says it can do its job (database, schema, log). */
export function healthRoutes(db: Database, predictionLog: Pick<PredictionWriter, 'health'>) {
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok' as const }))
    .get('/readyz', async (c) => {
      const log = predictionLog.health();
      if (log.stalledMs > logStalledAfterMs || log.fill > logFullAbove) {
        return c.json(
          {
            status: 'not_ready' as const,
            reason: `prediction log not draining: ${log.pending} rows waiting, failing for ${Math.round(log.stalledMs / 1000)} s`,
          },
          503,
        );
      }
      try {
        if (await migrationsApplied(db)) return c.json({ status: 'ready' as const });
        return c.json({ status: 'not_ready' as const, reason: 'migrations not applied' }, 503);
      } catch (error) {
        return c.json(
          { status: 'not_ready' as const, reason: `database: ${(error as Error).message}` },
          503,
        );
      }
    });
}
