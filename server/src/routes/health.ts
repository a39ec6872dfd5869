import { Hono } from 'hono';
import type { Database } from '../db/client.ts';
import { migrationsApplied } from '../db/migrations.ts';

/** Liveness says the process answers; readiness says it can do its job (database + schema). */
export function healthRoutes(db: Database) {
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok' as const }))
    .get('/readyz', async (c) => {
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
