import { existsSync } from 'node:fs';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

/**
 * The built web app. Hashed assets are immutable; everything else (index.html, the service
 * worker, the manifest) must be revalidated so a new build reaches users.
 */
export function webAppRoutes(webDist: string) {
  const app = new Hono();
  if (!existsSync(webDist)) {
    return app.get('*', (c) =>
      c.text(`The web app is not built: run "npm run build -w web" (looked in ${webDist}).`, 503),
    );
  }
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', serveStatic({ root: webDist }));
  app.get('*', serveStatic({ root: webDist, path: 'index.html' }));
  return app;
}
