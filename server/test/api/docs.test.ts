import { describe, expect, it } from 'vitest';
import { useAppUnderTest } from '../support/app-under-test.ts';

/** Routes that are not API operations: static files of the web app and of the docs page. */
const notOperations = (path: string) =>
  path.includes('*') || path === '/docs/:asset' || path === '/docs/init.js';

describe('API reference', () => {
  const under = useAppUnderTest();

  it('lists every route in /openapi.json (OpenAPI 3.1)', async () => {
    const response = await under.test.app.request('/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe('3.1.0');
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map(
          (method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
        ),
      ),
    );
    const routes = under.test.app.routes
      .filter((route) => route.method !== 'ALL' && !notOperations(route.path))
      .map((route) => `${route.method} ${route.path}`);
    expect(routes.length).toBeGreaterThan(8);
    expect(routes.filter((route) => !documented.has(route))).toEqual([]);
    expect(documented).toContain('POST /api/predict');
    expect(documented).toContain('GET /api/models/:name/versions/:version/files/:file');
  });

  it('documents the error shape and the 422 of the contracts', async () => {
    const document = (await (await under.test.app.request('/openapi.json')).json()) as {
      paths: Record<
        string,
        {
          post: {
            responses: object;
            requestBody: {
              content: Record<string, { schema: { properties: { events: { maxItems: number } } } }>;
            };
          };
        }
      >;
    };
    const events = document.paths['/api/events']!.post;
    expect(Object.keys(events.responses)).toEqual(
      expect.arrayContaining(['200', '400', '413', '415', '422', '503']),
    );
    expect(events.requestBody.content['application/json']!.schema.properties.events.maxItems).toBe(
      500,
    );
  });

  it('serves the interactive docs from this server, no CDN', async () => {
    const page = await under.test.app.request('/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('id="swagger-ui"');
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(sources.every((source) => source.startsWith('/docs/'))).toBe(true);
    for (const source of sources) {
      const asset = await under.test.app.request(source);
      expect(asset.status, source).toBe(200);
    }
    expect(await (await under.test.app.request('/docs/init.js')).text()).toContain(
      "url: '/openapi.json'",
    );
    expect((await under.test.app.request('/docs/package.json')).status).toBe(404);
  });
});
