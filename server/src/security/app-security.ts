import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { Env } from '../env.ts';
import { clientKey } from './client-key.ts';
import { securityHeaders } from './headers.ts';
import { rateLimit } from './rate-limit.ts';

/** `a.example, b.example` → the exact origins; unset or blank → none (same origin only). */
function allowedOrigins(setting: string | undefined): string[] {
  return (setting ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter((origin) => origin !== '');
}

/**
 * What every response passes through, mounted before any route: CORS first (so even a 429
 * tells an allowed origin what happened), then the security headers, then the per-client
 * limit on writes. Reads (model files, metrics) are not limited: they are cached and cheap.
 */
export function appSecurity(
  env: Pick<Env, 'CORS_ORIGINS' | 'RATE_LIMIT_PER_SECOND' | 'RATE_LIMIT_BURST'>,
) {
  const origins = allowedOrigins(env.CORS_ORIGINS);
  const limitWrites = rateLimit({
    ratePerSecond: env.RATE_LIMIT_PER_SECOND,
    burst: env.RATE_LIMIT_BURST,
    clientKey,
  });
  const app = new Hono();
  if (origins.length > 0) {
    app.use(
      '/api/*',
      cors({
        origin: origins,
        allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
        allowHeaders: ['Content-Type', 'Authorization'],
        exposeHeaders: ['Retry-After', 'ETag'],
        maxAge: 600,
      }),
    );
  }
  app.use('*', securityHeaders());
  app.use('/api/*', (c, next) => (c.req.method === 'POST' ? limitWrites(c, next) : next()));
  return app;
}
