import { createRoute } from '@hono/zod-openapi';
import { QualityQuery, QualityResponse } from '@polarity/core/contracts';
import type { QualityMonitor } from '../monitor/quality-monitor.ts';
import { errorResponses, unavailableResponse } from '../openapi/api-errors.ts';
import { createRouter } from '../openapi/router.ts';

/**
 * Figures younger than this are served as they are. The refresh is incremental, so a second
 * keeps the Quality page current without a query per request.
 */
const staleAfterMs = 1_000;

const getQuality = createRoute({
  method: 'get',
  path: '/',
  summary: 'Model quality per version over a window, with hourly series over 7 days',
  description:
    'Accuracy, macro-F1, per-class precision and recall, confusion counts and feedback coverage ' +
    'come from predictions that received feedback; estimated accuracy, positive rate and input ' +
    'drift from all predictions. Shadow predictions count for their own version.',
  request: { query: QualityQuery },
  responses: {
    200: {
      description: 'figures per version',
      content: { 'application/json': { schema: QualityResponse } },
    },
    ...errorResponses(422, 503),
  },
});

/** `GET /api/quality?window=24h`, mounted at /api/quality. */
export function qualityRoutes(monitor: QualityMonitor) {
  return createRouter().openapi(getQuality, async (c) => {
    const { window } = c.req.valid('query');
    await monitor.ensureFresh(staleAfterMs);
    const computedAt = monitor.tracker.computedAt;
    if (!computedAt) {
      return unavailableResponse(
        c,
        'storage_unavailable',
        'model quality cannot be computed: the database is unavailable',
      );
    }
    const aliases = monitor.aliases;
    const coveredSince = monitor.tracker.partialSince(window);
    const body: QualityResponse = {
      window,
      computed_at: computedAt.toISOString(),
      ...(coveredSince && { covered_since: coveredSince.toISOString() }),
      versions: monitor.tracker.figures(window).map((figures) => ({
        ...figures,
        aliases: aliases
          .filter((a) => a.model === figures.model && a.version === figures.version)
          .map((a) => a.alias),
      })),
      series: monitor.tracker.hourlySeries(),
    };
    return c.json(body, 200);
  });
}
