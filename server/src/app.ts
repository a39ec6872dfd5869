import type { ApiError } from '@polarity/core/contracts';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Database } from './db/client.ts';
import type { Env } from './env.ts';
import { healthRoutes } from './routes/health.ts';
import { webAppRoutes } from './routes/web-app.ts';

export interface AppDeps {
  env: Env;
  db: Database;
}

export function createApp(deps: AppDeps) {
  const app = new Hono().route('/', healthRoutes(deps.db));

  app.notFound((c) =>
    c.json<ApiError>({ error: { code: 'not_found', message: `no route for ${c.req.path}` } }, 404),
  );
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      return c.json<ApiError>(
        { error: { code: 'http_error', message: error.message } },
        error.status,
      );
    }
    console.error(`${c.req.method} ${c.req.path} failed:`, error);
    return c.json<ApiError>({ error: { code: 'internal', message: 'internal error' } }, 500);
  });

  app.route('/', webAppRoutes(deps.env.WEB_DIST));
  return app;
}

export type AppType = ReturnType<typeof createApp>;
