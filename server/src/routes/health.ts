import { Hono } from 'hono';
import type { Database } from '../db/client.ts';
import { migrationsApplied } from '../db/migrations.ts';
import type { PredictionWriter } from '../ingest/prediction-writer.ts';
import type { ModelService } from '../models/model-service.ts';

/**
 * A prediction log that has failed to write for this long, or is this full, is not draining: a
 * replica in that state should get no new traffic, since each prediction it serves may be lost.
 */
const logStalledAfterMs = 5_000;
const logFullAbove = 0.5;

/**
 * Liveness says the process answers; readiness says it can do its job: the champion is loaded
 * and warm (so `POST /api/predict` answers), the prediction log drains, the database answers with
 * every migration applied. A load balancer sends no traffic to a replica before all of that.
 */
export function healthRoutes(
  db: Database,
  predictionLog: Pick<PredictionWriter, 'health'>,
  models: Pick<ModelService, 'current' | 'modelName'>,
) {
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok' as const }))
    .get('/readyz', async (c) => {
      const notReady = (reason: string) => c.json({ status: 'not_ready' as const, reason }, 503);
      try {
        if (!(await migrationsApplied(db))) return notReady('migrations not applied');
      } catch (error) {
        return notReady(`database: ${(error as Error).message}`);
      }
      if (!models.current()) return notReady(`model ${models.modelName}: no champion loaded yet`);
      const log = predictionLog.health();
      if (log.stalledMs > logStalledAfterMs || log.fill > logFullAbove) {
        return notReady(
          `prediction log not draining: ${log.pending} rows waiting, failing for ${Math.round(log.stalledMs / 1000)} s`,
        );
      }
      return c.json({ status: 'ready' as const });
    });
}
