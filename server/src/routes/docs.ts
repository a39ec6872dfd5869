import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import { errorBody } from '../openapi/api-errors.ts';

const swaggerUiDir = dirname(
  createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'),
);

/** The files the page needs, served from our own origin (no CDN, and the CSP allows no inline script). */
const assets = new Map([
  ['swagger-ui.css', 'text/css; charset=utf-8'],
  ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
  ['favicon-32x32.png', 'image/png'],
]);

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Polarity API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
<link rel="icon" href="/docs/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

const init = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`;

/** `/openapi.json` and the interactive reference at `/docs`. */
export function docsRoutes(document: () => object) {
  let cachedDocument: object | undefined;
  return new Hono()
    .get('/openapi.json', (c) => {
      cachedDocument ??= document();
      return c.json(cachedDocument);
    })
    .get('/docs', (c) => c.html(page))
    .get('/docs/init.js', (c) =>
      c.body(init, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
    )
    .get('/docs/:asset', async (c) => {
      const asset = c.req.param('asset');
      const type = assets.get(asset);
      if (!type) return c.json(errorBody('not_found', `no docs asset ${asset}`), 404);
      const bytes = await readFile(join(swaggerUiDir, asset));
      return c.body(bytes, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=3600' });
    });
}
