import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

/**
 * The built web app. Hashed assets are immutable; everything else (index.html, the service
 * worker, the manifest) must be revalidated so a new build reaches users. The build writes a
 * `.br` and a `.gz` beside every file that compresses (web/build/precompress.ts), so the best
 * encoding the browser accepts is sent with no compression work per request; onnxruntime's
 * 14 MB WebAssembly crosses the wire as 2.7 MB.
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
  // A file with compressed variants varies by Accept-Encoding whichever variant this client got,
  // or a shared cache could hand a brotli body to a client that cannot decode it.
  app.use('*', async (c, next) => {
    await next();
    const path = c.req.path.endsWith('/') ? '/index.html' : c.req.path;
    const served = extname(path) === '' ? '/index.html' : path;
    const variants = ['.br', '.gz'].some((suffix) => existsSync(join(webDist, served + suffix)));
    if (c.res.ok && variants) c.header('Vary', 'Accept-Encoding');
  });
  app.use('*', serveStatic({ root: webDist, precompressed: true }));
  // Only page routes fall back to the app shell: a missing file (a stale hashed asset, a
  // /favicon.png nobody built) is a 404, not index.html with status 200.
  app.get('*', async (c, next) => {
    if (extname(c.req.path) !== '') return c.notFound();
    return serveStatic({ root: webDist, path: 'index.html', precompressed: true })(c, next);
  });
  return app;
}
